package org.caspianhub.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Bytes on disk as {@code du} counts them (allocated blocks: sparse index files count for what
 * they hold): each Kafka topic, from its partition directories under the broker's log directory,
 * and each service's state directory under the local hub's data directory, whatever its name.
 */
final class DiskUsage {

    private static final Pattern PARTITION_DIR = Pattern.compile("(.+)-(\\d+)");

    private DiskUsage() {
    }

    /** Bytes per topic in the broker's log directories below {@code kafkaData}. */
    static Map<String, Long> topics(Path kafkaData) throws IOException, InterruptedException {
        List<Path> partitions = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(kafkaData)) {
            walk.filter(Files::isDirectory).filter(DiskUsage::isPartitionDirectory).forEach(partitions::add);
        }
        Map<String, Long> topics = new TreeMap<>();
        Map<Path, Long> sizes = du(partitions);
        sizes.forEach((dir, bytes) -> {
            Matcher m = PARTITION_DIR.matcher(dir.getFileName().toString());
            if (m.matches()) {
                topics.merge(m.group(1), bytes, Long::sum);
            }
        });
        return topics;
    }

    /** Bytes of each directory directly under {@code data}, but {@code except}. */
    static Map<String, Long> stateDirectories(Path data, String except) throws IOException, InterruptedException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(data)) {
            list.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals(except)).forEach(dirs::add);
        }
        Map<String, Long> sizes = new TreeMap<>();
        du(dirs).forEach((dir, bytes) -> sizes.put(dir.getFileName().toString(), bytes));
        return sizes;
    }

    private static boolean isPartitionDirectory(Path dir) {
        if (!PARTITION_DIR.matcher(dir.getFileName().toString()).matches()) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".log"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<Path, Long> du(List<Path> dirs) throws IOException, InterruptedException {
        Map<Path, Long> sizes = new TreeMap<>();
        for (int from = 0; from < dirs.size(); from += 200) {
            List<String> command = new ArrayList<>(List.of("du", "-s", "-B1", "--"));
            dirs.subList(from, Math.min(dirs.size(), from + 200)).forEach(d -> command.add(d.toString()));
            Process du = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            du.waitFor();
            for (String line : out.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    sizes.put(Path.of(line.substring(tab + 1)), Long.parseLong(line.substring(0, tab).trim()));
                }
            }
        }
        return sizes;
    }
}
