package org.caspianhub.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The id one instance of a service goes by where Kafka needs one per instance (static group
 * membership, a per-replica application id). Either the operator's setting, or generated once and
 * kept in the service's state directory (file {@value #FILE}): two instances with their own state
 * directories never share an id, on one host or many, and a restarted instance, finding its
 * directory again, keeps its id, so it takes its partitions back at once. The generated id is
 * {@code <prefix>-<host name>-<8 random hex digits>}: readable in the group's member list, unique
 * without coordination. Read or created on first use, not when settings are parsed.
 */
public final class InstanceId {

    public static final String FILE = "instance-id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String configured;
    private final Path directory;
    private final String prefix;
    private volatile String value;

    private InstanceId(String configured, Path directory, String prefix) {
        this.configured = configured;
        this.directory = directory;
        this.prefix = prefix;
    }

    /** The operator's id (e.g. {@code CASPIAN_STREAMS_INSTANCE_ID}), used as given. */
    public static InstanceId of(String id) {
        return new InstanceId(id, null, null);
    }

    /** Kept in {@code directory/instance-id}, generated there with {@code prefix} the first time. */
    public static InstanceId keptIn(Path directory, String prefix) {
        return new InstanceId(null, directory, prefix);
    }

    /** {@code setting} when it is set, else an id kept in {@code directory}. */
    public static InstanceId from(Settings settings, Setting<java.util.Optional<String>> setting, Path directory, String prefix) {
        return setting.read(settings).map(InstanceId::of).orElseGet(() -> keptIn(directory, prefix));
    }

    /** Where a generated id is kept; null for an id from the settings. */
    public Path file() {
        return directory == null ? null : directory.resolve(FILE);
    }

    /** The id: the configured one, or the one in the state directory (created there if absent). */
    public String value() {
        String id = value;
        if (id == null) {
            synchronized (this) {
                if (value == null) {
                    value = configured != null ? configured : loadOrCreate();
                }
                id = value;
            }
        }
        return id;
    }

    private String loadOrCreate() {
        Path file = file();
        try {
            Files.createDirectories(directory);
            String generated = generate();
            try {
                // CREATE_NEW: of two processes starting on one directory at once, exactly one writes it
                Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return generated;
            } catch (FileAlreadyExistsException e) {
                return read(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep this instance's id in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!VALID.matcher(id).matches()) {
            throw new IllegalStateException(file + " holds '" + id + "', not an instance id (letters, digits, '.', '_', '-');"
                    + " delete the file to get a new id");
        }
        return id;
    }

    private String generate() {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String host = hostName().replaceAll("[^A-Za-z0-9._-]", "-");
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        return prefix + "-" + host + "-" + HexFormat.of().formatHex(random);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "local";
            }
        }
        return host;
    }

    @Override
    public String toString() {
        return configured != null ? configured : value != null ? value : "(kept in " + file() + ")";
    }
}
