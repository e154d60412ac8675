package org.caspianhub.hub.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caspianhub.hub.CaspianHub;

/**
 * One {@code caspian-hub} command in a JVM of its own, started as an operator would (arguments and
 * environment, this JVM's class path), so it can be killed outright: {@link #kill()} is SIGKILL, no
 * shutdown hook runs, nothing is flushed or committed. Its output is appended to a log file, one
 * per child, kept across restarts.
 */
public final class ChildJvm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final String healthUrl;
    private Process process;

    /**
     * @param healthUrl a {@code /health} that answers 200 once the service serves (null: none)
     */
    public ChildJvm(String name, String heap, Map<String, String> environment, Path log, String healthUrl, String... args) {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.healthUrl = healthUrl;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CaspianHub.class.getName()));
        command.addAll(List.of(args));
        this.command = List.copyOf(command);
    }

    public String name() {
        return name;
    }

    /** Starts the process (again, after a kill or stop, with the same arguments and environment). */
    public synchronized ChildJvm start() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + java.time.Instant.now() + " start " + name + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    /** Waits until its {@code /health} answers 200; fails early, with the log's tail, if the process died. */
    public ChildJvm awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (up()) {
                return this;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not up within " + timeout + ":\n" + logTail());
    }

    /** Whether its {@code /health} answers 200 now. */
    public boolean up() {
        return answersOk(healthUrl);
    }

    /** Whether {@code url} answers 200 now. */
    static boolean answersOk(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, and waits for the process to be gone. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(20));
        }
    }

    /** SIGTERM (the services' shutdown hooks run), SIGKILL if it is not gone in 40 s. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(40))) {
                kill();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The log lines of its latest start. */
    public List<String> currentLog() {
        try {
            List<String> lines = Files.readAllLines(log);
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("---- ")) {
                    start = i;
                }
            }
            return lines.subList(start, lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return name;
    }
}
