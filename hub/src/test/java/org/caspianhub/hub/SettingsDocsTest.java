package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.caspianhub.runtime.Setting;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The settings an operator reads about are the settings the services read: every declared
 * setting has a row in a settings table of README.md or docs/*.md with the declared default, every
 * CASPIAN_* variable the docs or docker-compose.yml name is declared, and main code names a
 * setting only in its declaration. A renamed, removed or re-defaulted setting fails here until the
 * docs say so too.
 */
class SettingsDocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** CASPIAN_ names that are not settings the hub reads. */
    private static final Map<String, String> NOT_SETTINGS = Map.of(
            "CASPIAN_ID_WATERMARK", "the schema registry's own record in its topic (docs/schemas.md)",
            "CASPIAN_TEST_BROWSER", "chooses the browser of the console's tests (docs/console.md)",
            "CASPIAN_SKIP_BUILD", "the caspian-hub launcher script's, not the JVM's");

    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_])CASPIAN_[A-Z0-9_]*[A-Z0-9](?![A-Za-z0-9_<*])");
    private static final Pattern NAME_LITERAL = Pattern.compile("\"(CASPIAN_[A-Z0-9_]+)\"");
    private static final Pattern CELL_NAME = Pattern.compile("`(CASPIAN_[A-Z0-9_<>]+)`");

    private final List<Setting<?>> declared = SettingsCatalogue.all();
    private final Map<String, Setting<?>> byName = declared.stream()
            .collect(Collectors.toMap(Setting::name, Function.identity(), (a, b) -> a, TreeMap::new));

    @Test
    void everySettingIsDeclaredOnce() {
        assertThat(declared).extracting(Setting::name).doesNotHaveDuplicates();
    }

    @Test
    void everyDeclaredSettingHasARowInTheDocsWithItsDefault() throws IOException {
        List<Row> rows = settingsRows();
        List<String> undocumented = new ArrayList<>();
        List<String> wrongDefault = new ArrayList<>();
        for (Setting<?> setting : declared) {
            List<Row> mine = rows.stream().filter(row -> row.documents(setting.name())).toList();
            if (mine.isEmpty()) {
                undocumented.add(setting.name());
            }
            for (Row row : mine) {
                if (!row.pattern() && !startsWithValue(row.defaultText(), setting.defaultText())) {
                    wrongDefault.add(row.where() + ": " + setting.name() + " default '" + row.defaultText()
                            + "', declared '" + setting.defaultText() + "'");
                }
            }
        }
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(undocumented).as("declared settings without a row in a settings table of README.md or docs/*.md")
                    .isEmpty();
            softly.assertThat(wrongDefault).as("docs rows whose default is not the declared one").isEmpty();
        });
    }

    @Test
    void everyVariableTheDocsAndTheComposeFileNameIsDeclared() throws IOException {
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (Path file : docsAndDeployment()) {
            Matcher names = NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (names.find()) {
                String name = names.group();
                if (!byName.containsKey(name) && !NOT_SETTINGS.containsKey(name)) {
                    unknown.computeIfAbsent(name, n -> new TreeSet<>()).add(ROOT.relativize(file).toString());
                }
            }
        }
        assertThat(unknown).as("CASPIAN_ variables named in the docs or docker-compose.yml that no service declares")
                .isEmpty();
    }

    @Test
    void mainCodeNamesASettingOnlyInItsDeclaration() throws IOException {
        Map<String, List<String>> places = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> ROOT.relativize(f).toString().contains("src/main/java")).toList()) {
                Matcher literals = NAME_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (literals.find()) {
                    places.computeIfAbsent(literals.group(1), n -> new ArrayList<>()).add(file.getFileName().toString());
                }
            }
        }
        places.keySet().removeAll(NOT_SETTINGS.keySet());
        Map<String, List<String>> undeclared = new TreeMap<>(places);
        undeclared.keySet().removeAll(byName.keySet());
        // a prefix a family of declarations is built from ("CASPIAN_LIFETIME_" + type)
        undeclared.keySet().removeIf(name -> name.endsWith("_") && byName.keySet().stream().anyMatch(n -> n.startsWith(name)));
        assertThat(undeclared).as("setting names in main code that no Setting declares (read through a declaration)")
                .isEmpty();
        assertThat(places).as("a setting's name appears in main code once, in its declaration; elsewhere use"
                + " the declaration (its read() or name())").allSatisfy((name, where) -> assertThat(where).hasSize(1));
    }

    @Test
    void theSettingsCommandPrintsEveryDeclarationWithItsDefaultAndRange() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SettingsCommand command = new SettingsCommand();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(new CommandLine(command).execute("gateway")).isZero();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("| `CASPIAN_GATEWAY_PORT` | `8080` | a port from 0 to 65535 |")
                .contains("| `CASPIAN_GATEWAY_KNOWLEDGE_HISTORY` | `50` | an integer, at least 1 |")
                .contains("| `CASPIAN_GATEWAY_ALERTS_HEARTBEAT` | `15s` |")
                .doesNotContain("CASPIAN_TAXII_PORT");
        assertThat(new CommandLine(new SettingsCommand()).execute("nonesuch")).isEqualTo(2);
    }

    /** A docs row's default matches when it starts with the declared one as a whole word: "unset: no feeds" for "unset". */
    private static boolean startsWithValue(String documented, String declaredDefault) {
        if (!documented.startsWith(declaredDefault)) {
            return false;
        }
        return documented.length() == declaredDefault.length()
                || !Character.isLetterOrDigit(documented.charAt(declaredDefault.length()));
    }

    /**
     * The rows of every table whose first cell names settings: {@code `CASPIAN_X`}, or
     * {@code `CASPIAN_X` / `CASPIAN_Y`} with the defaults {@code a / b}, or a family such as
     * {@code `CASPIAN_LIFETIME_<TYPE>`}. Its second cell is the default.
     */
    private static List<Row> settingsRows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path file : docs()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (!line.startsWith("|")) {
                    continue;
                }
                String[] cells = line.substring(1).split("(?<!\\\\)\\|");
                if (cells.length < 2) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                boolean onlyNames = true;
                for (String part : cells[0].trim().split(" / ")) {
                    Matcher name = CELL_NAME.matcher(part.trim());
                    if (name.matches()) {
                        names.add(name.group(1));
                    } else {
                        onlyNames = false;
                    }
                }
                if (!onlyNames || names.isEmpty()) {
                    continue;
                }
                String defaults = cells[1].replace("`", "").trim();
                String[] defaultParts = names.size() > 1 ? defaults.split(" / ") : new String[] {defaults};
                String where = ROOT.relativize(file) + ":" + (i + 1);
                for (int n = 0; n < names.size(); n++) {
                    rows.add(new Row(names.get(n), n < defaultParts.length ? defaultParts[n].trim() : "", where));
                }
            }
        }
        return rows;
    }

    private record Row(String name, String defaultText, String where) {

        boolean pattern() {
            return name.contains("<");
        }

        boolean documents(String setting) {
            return pattern() ? setting.matches(name.replaceAll("<[A-Z]+>", "[A-Z0-9_]+")) : name.equals(setting);
        }
    }

    private static List<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    private static List<Path> docsAndDeployment() throws IOException {
        List<Path> files = docs();
        files.add(ROOT.resolve("docker-compose.yml"));
        return files;
    }

    static {
        // the test reads the repository's files: make sure it runs where they are
        Map<String, Boolean> present = new HashMap<>();
        present.put("README.md", Files.exists(ROOT.resolve("README.md")));
        present.put("docs", Files.isDirectory(ROOT.resolve("docs")));
        if (present.containsValue(false)) {
            throw new IllegalStateException("run from a module directory of the repository: " + present + " at " + ROOT);
        }
    }
}
