package org.caspianhub.indicators.warninglist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.Normalized;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MISP warninglists: known-benign values (private and documentation ranges, public resolvers,
 * top sites, empty-file hashes). A match keeps an indicator but marks it with the lists' names, and
 * the hub never alerts on it. Immutable and thread-safe; build once and share.
 *
 * <p>{@link #bundled()} holds the lists shipped in this jar ({@code warninglists/index.txt}),
 * loaded once per JVM. {@link #bundledAnd(Path)} adds an operator's own lists from a directory.
 */
public final class Warninglists {

    private static final Logger LOG = LoggerFactory.getLogger(Warninglists.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE_DIR = "warninglists/";

    /** Loaded on first use, once: the public DNS lists take a moment to index. */
    private static final class Bundled {
        static final Warninglists INSTANCE = loadBundled();
    }

    private final List<Warninglist> lists;
    private final Map<IndicatorType, List<Warninglist>> byType;

    private Warninglists(List<Warninglist> lists) {
        this.lists = List.copyOf(lists);
        Map<IndicatorType, List<Warninglist>> index = new EnumMap<>(IndicatorType.class);
        for (IndicatorType type : IndicatorType.values()) {
            index.put(type, this.lists.stream().filter(l -> l.canMatch(type)).toList());
        }
        this.byType = index;
    }

    /** The lists shipped with the hub, loaded once per JVM. */
    public static Warninglists bundled() {
        return Bundled.INSTANCE;
    }

    /** The bundled lists and those in a directory ({@code *.json}, or MISP's {@code lists/<name>/list.json} layout). */
    public static Warninglists bundledAnd(Path extraDirectory) {
        List<Warninglist> all = new ArrayList<>(bundled().lists);
        all.addAll(readDirectory(extraDirectory));
        return new Warninglists(all);
    }

    /** Only the lists in a directory. */
    public static Warninglists fromDirectory(Path directory) {
        return new Warninglists(readDirectory(directory));
    }

    /** These lists. */
    public static Warninglists of(Collection<Warninglist> lists) {
        return new Warninglists(new ArrayList<>(lists));
    }

    /** One list from its MISP JSON text; {@code source} names it in error messages. */
    public static Warninglist parse(InputStream json, String source) {
        try {
            return Warninglist.from(JSON.readValue(json, Warninglist.ListFile.class), source);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a MISP warninglist JSON file: " + e.getMessage(), e);
        }
    }

    /**
     * The names (MISP {@code name} field) of the lists the indicator is on, in load order; empty
     * when it is on none.
     */
    public List<String> matches(Normalized.Valid indicator) {
        List<String> names = null;
        Subject subject = new Subject(indicator);
        for (Warninglist list : byType.getOrDefault(indicator.type(), List.of())) {
            if (list.matches(subject)) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(list.name());
            }
        }
        return names == null ? List.of() : List.copyOf(names);
    }

    /** Whether the indicator is on any list. */
    public boolean isListed(Normalized.Valid indicator) {
        Subject subject = new Subject(indicator);
        for (Warninglist list : byType.getOrDefault(indicator.type(), List.of())) {
            if (list.matches(subject)) {
                return true;
            }
        }
        return false;
    }

    public List<Warninglist> lists() {
        return lists;
    }

    private static Warninglists loadBundled() {
        long start = System.nanoTime();
        List<Warninglist> lists = new ArrayList<>();
        for (String file : bundledFileNames()) {
            String resource = RESOURCE_DIR + file;
            try (InputStream in = Warninglists.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled warninglist " + resource + " is named in index.txt but missing");
                }
                lists.add(parse(in, "classpath:" + resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LOG.info("Loaded {} bundled warninglists ({} entries) in {} ms", lists.size(),
                lists.stream().mapToInt(Warninglist::size).sum(), (System.nanoTime() - start) / 1_000_000);
        return new Warninglists(lists);
    }

    /** The file names listed in {@code warninglists/index.txt}, in order. */
    static List<String> bundledFileNames() {
        try (InputStream in = Warninglists.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("warninglists/index.txt is missing from the classpath");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Warninglist> readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("warninglist directory " + directory + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory, 3)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list warninglist directory " + directory, e);
        }
        List<Warninglist> lists = new ArrayList<>(files.size());
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                lists.add(parse(in, file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read warninglist " + file, e);
            }
        }
        LOG.info("Loaded {} warninglists from {}", lists.size(), directory);
        return lists;
    }
}
