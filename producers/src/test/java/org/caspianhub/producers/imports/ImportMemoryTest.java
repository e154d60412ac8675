package org.caspianhub.producers.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import memory is bounded, shown with a small heap: a child JVM with {@value #HEAP} reads a
 * 32 MiB STIX file holding one object with eight million labels (before issue 10 the reader built
 * that object whole, hundreds of MiB of tree, and died of OutOfMemoryError) and is refused with
 * the per-object limit named, and the same child reads a 32 MiB file of many small indicators to
 * the end: memory follows one object, not the file. Prints the figures it measured.
 */
class ImportMemoryTest {

    static final String HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    private String runWithSmallHeap(Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), SmallHeapImport.class.getName(),
                file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println("ImportMemoryTest " + HEAP + " " + file.getFileName() + ": " + output.strip());
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void oneObjectWithEightMillionLabelsIsRefusedWithinASmallHeap() throws Exception {
        Path file = dir.resolve("huge-object.json");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [{\"type\": \"indicator\", \"id\": \"indicator--1\","
                    + " \"pattern_type\": \"stix\", \"pattern\": \"[domain-name:value = 'huge.example']\", \"labels\": [\"l\"");
            for (int i = 1; i < 8_000_000; i++) {
                out.write(",\"l\"");
            }
            out.write("]}]}");
        }
        assertThat(Files.size(file)).isGreaterThan(30L << 20);

        String output = runWithSmallHeap(file);

        assertThat(output).startsWith("REFUSED element 0 of 'objects' is larger than an import allows for one object")
                .doesNotContain("OutOfMemoryError");
    }

    @Test
    void aFileOfManySmallIndicatorsAsLargeIsReadToTheEndWithinTheSameHeap() throws Exception {
        Path file = dir.resolve("many-objects.json");
        int objects = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"type\": \"bundle\", \"id\": \"bundle--2\", \"objects\": [");
            for (long written = 0; written < (32L << 20); objects++) {
                String object = (objects == 0 ? "" : ",") + "{\"type\": \"indicator\", \"id\": \"indicator--" + objects
                        + "\", \"pattern_type\": \"stix\", \"pattern\": \"[domain-name:value = 'n" + objects
                        + ".example']\", \"labels\": [\"a\", \"b\", \"c\"], \"description\": \"" + "d".repeat(200) + "\"}";
                out.write(object);
                written += object.length();
            }
            out.write("]}");
        }

        String output = runWithSmallHeap(file);

        assertThat(output).startsWith("READ entries=" + objects);
    }

}
