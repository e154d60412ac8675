package org.caspianhub.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js project of the interoperability tests ({@code testkit/src/test/node}): clients
 * nobody here wrote (Confluent's {@code @confluentinc/schemaregistry}, {@code kafkajs}), pinned by
 * its committed package-lock.json and installed with {@code npm ci}. A test that needs it is
 * skipped, saying why, only where node is absent or the npm registry cannot be reached; any other
 * install failure fails it.
 */
public final class NodeProject {

    /** What a command did: its exit code, its standard output, and both outputs together. */
    public record Run(int exit, String stdout, String output) {
    }

    private final Path directory;

    private NodeProject(Path directory) {
        this.directory = directory;
    }

    /** The interop project, from any module's directory (tests run in their module's). */
    public static NodeProject interop() {
        Path here = Path.of("src/test/node/interop.mjs");
        Path directory = Files.exists(here) ? here.getParent() : Path.of("../testkit/src/test/node");
        return new NodeProject(directory.toAbsolutePath().normalize());
    }

    /** Skips the calling test unless node runs here and the project's packages are installed (installing them if needed). */
    public NodeProject assumeInstalled(String... packages) throws Exception {
        Run version = run(List.of("node", "--version"), 30);
        Assumptions.assumeTrue(version != null && version.exit == 0,
                "node is not installed here: the Node.js interop test is skipped");
        boolean installed = true;
        for (String name : packages) {
            installed &= Files.isDirectory(directory.resolve("node_modules").resolve(name));
        }
        if (!installed) {
            Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            if (install == null || install.exit != 0) {
                String output = install == null ? "npm not found" : install.output;
                // A machine without the npm registry cannot fetch the clients: say so loudly and skip;
                // any other npm failure is a real failure.
                boolean offline = output.matches("(?s).*(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH).*");
                Assumptions.assumeFalse(offline, "the npm registry is unreachable, so " + String.join(", ", packages)
                        + " cannot be installed: the Node.js interop test is skipped.\n" + output);
                throw new IllegalStateException("npm ci in " + directory + " failed:\n" + output);
            }
        }
        return this;
    }

    /** Runs {@code node <script> <arguments>} in the project; fails unless it exits 0; returns its standard output. */
    public String node(int timeoutSeconds, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(arguments));
        Run result = run(command, timeoutSeconds);
        if (result == null || result.exit != 0) {
            throw new AssertionError("node " + String.join(" ", arguments) + " failed: "
                    + (result == null ? "node not found" : result.output));
        }
        return result.stdout;
    }

    /** Runs a command in the project; null when the program does not exist. */
    public Run run(List<String> command, int timeoutSeconds) throws Exception {
        Process process;
        Path stderr = Files.createTempFile("node", ".err");
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                    .redirectError(stderr.toFile()).start();
        } catch (IOException notInstalled) {
            return null;
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
        }
        String errors = Files.readString(stderr);
        Files.deleteIfExists(stderr);
        return new Run(process.exitValue(), stdout, stdout + errors);
    }
}
