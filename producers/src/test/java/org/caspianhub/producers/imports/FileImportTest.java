package org.caspianhub.producers.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISP events, CSV, text blocklists and format detection, read from real files. */
class FileImportTest {

    @TempDir
    Path dir;

    private List<ImportEntry> read(ImportReader reader, String content, ImportDefaults defaults) throws Exception {
        Path file = dir.resolve("input");
        Files.writeString(file, content);
        List<ImportEntry> entries = new ArrayList<>();
        reader.read(file, defaults, entries::add);
        return entries;
    }

    private static <T extends ImportEntry> List<T> only(List<ImportEntry> entries, Class<T> kind) {
        return entries.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static final String MISP_EVENT = """
            {"Event": {
              "uuid": "5e6b7c1a-1111-4f00-9000-000000000001", "info": "Phishing wave", "threat_level_id": "1",
              "Attribute": [
                {"uuid": "a-1", "type": "ip-dst", "value": "203.0.113.10", "to_ids": true},
                {"uuid": "a-2", "type": "domain", "value": "evil.example", "to_ids": false},
                {"uuid": "a-3", "type": "filename|sha256", "value": "x.exe|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "to_ids": true,
                 "Tag": [{"name": "tlp:red"}]},
                {"uuid": "a-4", "type": "regkey", "value": "HKLM\\\\x", "to_ids": true},
                {"uuid": "a-5", "type": "domain|ip", "value": "c2.example|198.51.100.7", "to_ids": true, "distribution": "0"}
              ],
              "Object": [{"name": "url", "uuid": "o-1", "Attribute": [
                {"uuid": "a-6", "type": "url", "value": "http://c2.example/gate.php", "to_ids": true},
                {"uuid": "a-7", "type": "hostname", "value": "c2.example", "to_ids": true}]}],
              "distribution": "3",
              "Tag": [{"name": "tlp:green"}, {"name": "apt-x"}]
            }}
            """;

    @Test
    void mispEventsKeepDetectionAttributesWithTheirTlpGroupsAndEventReference() throws Exception {
        List<ImportEntry> entries = read(new MispEventReader(), MISP_EVENT, ImportDefaults.tlp(Tlp.AMBER));
        List<ImportEntry.Candidate> c = only(entries, ImportEntry.Candidate.class);
        assertThat(c).extracting(e -> e.item().value()).containsExactly("203.0.113.10",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "c2.example", "198.51.100.7",
                "http://c2.example/gate.php", "c2.example");
        assertThat(c.get(0).item().tlp()).as("the event's tlp tag, read although it comes after the attributes")
                .isEqualTo(Tlp.GREEN);
        assertThat(c.get(1).item().tlp()).as("an attribute's own stricter tag").isEqualTo(Tlp.RED);
        assertThat(c.get(2).item().tlp()).as("distribution 0 (your organisation only) beats the event's tlp:green")
                .isEqualTo(Tlp.RED);
        assertThat(c.get(1).item().type()).isEqualTo(IndicatorType.SHA256);
        assertThat(c.get(2).item().groupRef()).as("domain|ip gives two values of one group").isEqualTo("a-5");
        assertThat(c.get(3).item().groupRef()).isEqualTo("a-5");
        assertThat(c.get(4).item().groupRef()).as("a MISP object groups its attributes").isEqualTo("o-1");
        assertThat(c).allSatisfy(e -> {
            assertThat(e.item().references()).contains("misp-event:5e6b7c1a-1111-4f00-9000-000000000001");
            assertThat(e.item().tags()).contains("apt-x").doesNotContain("tlp:green");
            assertThat(e.item().severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(only(entries, ImportEntry.Skipped.class)).extracting(ImportEntry::location).containsExactly("attribute a-2");
        assertThat(only(entries, ImportEntry.Refused.class)).singleElement()
                .satisfies(r -> assertThat(r.reasons().get(0).code()).isEqualTo("unsupported_attribute_type"));
    }

    /** An event tagged {@code tlp:clear} (distribution {@code eventDistribution}) with the given attributes and objects. */
    private List<ImportEntry.Candidate> mispTlps(String eventDistribution, String attributes, String objects) throws Exception {
        String event = "{\"Event\": {\"uuid\": \"5e6b7c1a-3333-4f00-9000-000000000003\", \"info\": \"sharing\","
                + " \"Tag\": [{\"name\": \"tlp:clear\"}]," + (eventDistribution == null ? "" : " \"distribution\": "
                + eventDistribution + ",") + " \"Attribute\": [" + attributes + "], \"Object\": [" + objects + "]}}";
        return only(read(new MispEventReader(), event, ImportDefaults.tlp(Tlp.CLEAR)), ImportEntry.Candidate.class);
    }

    private static String attribute(String value, String distribution, String tags) {
        return "{\"uuid\": \"" + value + "\", \"type\": \"domain\", \"value\": \"" + value + "\", \"to_ids\": true"
                + (distribution == null ? "" : ", \"distribution\": " + distribution)
                + (tags == null ? "" : ", \"Tag\": [{\"name\": \"" + tags + "\"}]") + "}";
    }

    private static Tlp tlpOf(List<ImportEntry.Candidate> candidates, String value) {
        return candidates.stream().filter(c -> c.item().value().equals(value)).findFirst().orElseThrow().item().tlp();
    }

    @Test
    void mispTakesTheStrictestOfEveryTagAndDistributionSoATagNeverLoosensADistribution() throws Exception {
        List<ImportEntry.Candidate> c = mispTlps("3", String.join(",",
                attribute("own-org.example", "0", null),
                attribute("sharing-group.example", "4", null),
                attribute("community.example", "1", null),
                attribute("connected.example", "2", null),
                attribute("all.example", "3", null),
                attribute("inherits.example", "5", null),
                attribute("tagged-clear.example", "0", "tlp:clear"),
                attribute("tagged-amber.example", "3", "tlp:amber")),
                "");
        assertThat(tlpOf(c, "own-org.example")).as("an event tagged tlp:clear must not share what is for the organisation only")
                .isEqualTo(Tlp.RED);
        assertThat(tlpOf(c, "sharing-group.example")).isEqualTo(Tlp.RED);
        assertThat(tlpOf(c, "community.example")).isEqualTo(Tlp.AMBER);
        assertThat(tlpOf(c, "connected.example")).isEqualTo(Tlp.GREEN);
        assertThat(tlpOf(c, "all.example")).isEqualTo(Tlp.CLEAR);
        assertThat(tlpOf(c, "inherits.example")).as("the event's distribution 3 and tag tlp:clear").isEqualTo(Tlp.CLEAR);
        assertThat(tlpOf(c, "tagged-clear.example")).as("the attribute's own tag does not loosen its distribution")
                .isEqualTo(Tlp.RED);
        assertThat(tlpOf(c, "tagged-amber.example")).isEqualTo(Tlp.AMBER);

        assertThat(tlpOf(mispTlps("0", attribute("event-org-only.example", "3", "tlp:clear"), ""),
                "event-org-only.example")).as("the event's distribution bounds its attributes").isEqualTo(Tlp.RED);
        assertThat(tlpOf(mispTlps(null, attribute("only-tags.example", null, null), ""), "only-tags.example"))
                .as("no distribution anywhere: the tags decide").isEqualTo(Tlp.CLEAR);
    }

    @Test
    void mispObjectDistributionCountsAndInheritResolvesThroughTheObject() throws Exception {
        String objects = String.join(",",
                "{\"uuid\": \"o-org\", \"distribution\": \"0\", \"Attribute\": [" + attribute("in-org-object.example", "5", null)
                        + "," + attribute("explicit-in-org-object.example", "3", null) + "]}",
                "{\"uuid\": \"o-group\", \"distribution\": 4, \"Attribute\": [" + attribute("in-group-object.example", null, null) + "]}",
                "{\"uuid\": \"o-inherit\", \"distribution\": 5, \"Attribute\": [" + attribute("in-inheriting-object.example", "5", null) + "]}");
        List<ImportEntry.Candidate> c = mispTlps("1", "", objects);
        assertThat(tlpOf(c, "in-org-object.example")).as("inherit inside an object takes the object's distribution 0")
                .isEqualTo(Tlp.RED);
        assertThat(tlpOf(c, "explicit-in-org-object.example")).as("an object's distribution bounds its attributes")
                .isEqualTo(Tlp.RED);
        assertThat(tlpOf(c, "in-group-object.example")).isEqualTo(Tlp.RED);
        assertThat(tlpOf(c, "in-inheriting-object.example")).as("inherit, then inherit again: the event's distribution 1")
                .isEqualTo(Tlp.AMBER);
        assertThat(c).filteredOn(e -> e.item().value().startsWith("in-org")).allSatisfy(e ->
                assertThat(e.item().groupRef()).isEqualTo("o-org"));
    }

    @Test
    void mispDistributionGivesTheTlpWhenNoTagDoes() {
        assertThat(MispEventReader.distributionTlp(0)).contains(Tlp.RED);
        assertThat(MispEventReader.distributionTlp(1)).contains(Tlp.AMBER);
        assertThat(MispEventReader.distributionTlp(3)).contains(Tlp.CLEAR);
        assertThat(MispEventReader.distributionTlp(5)).isEmpty();
    }

    @Test
    void csvRowsAreReadByHeaderAndABadCellRefusesOnlyItsRow() throws Exception {
        List<ImportEntry> entries = read(new CsvImportReader(), """
                Indicator,Type,TLP,Confidence,Tags,Valid_Until,Notes
                203.0.113.20,ipv4,green,70,scanner;ssh,2999-01-01T00:00:00Z,ignored
                evil.example,domain,purple,50,,,
                d41d8cd98f00b204e9800998ecf8427e,md5,,abc,,,
                "hxxp://bad[.]example/a,b",url,red,90,"x|y",,
                """, new ImportDefaults(Tlp.AMBER, 40, List.of("feed"), List.of()));
        List<ImportEntry.Candidate> c = only(entries, ImportEntry.Candidate.class);
        assertThat(c).extracting(e -> e.item().value()).containsExactly("203.0.113.20", "hxxp://bad[.]example/a,b");
        assertThat(c.get(0).item().tlp()).isEqualTo(Tlp.GREEN);
        assertThat(c.get(0).item().confidence()).isEqualTo(70);
        assertThat(c.get(0).item().tags()).containsExactly("feed", "scanner", "ssh");
        assertThat(c.get(0).item().validUntil()).isNotNull();
        assertThat(c.get(1).item().tags()).containsExactly("feed", "x", "y");
        List<ImportEntry.Refused> r = only(entries, ImportEntry.Refused.class);
        assertThat(r).extracting(ImportEntry::location).containsExactly("line 3", "line 4");
        assertThat(r.get(0).reasons()).extracting(e -> e.code()).containsExactly("invalid_tlp");
        assertThat(r.get(1).reasons()).extracting(e -> e.code()).containsExactly("not_an_integer");
    }

    @Test
    void csvWithoutAValueColumnIsRefusedAsAWhole() {
        assertThatThrownBy(() -> read(new CsvImportReader(), "ip,port\n1.2.3.4,80\n", ImportDefaults.tlp(Tlp.AMBER)))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("'value' column");
    }

    @Test
    void textListsSkipCommentsAndTakeTheFirstWordOrTheHostsFileName() throws Exception {
        List<ImportEntry> entries = read(new TextListReader(), """
                # Feodo tracker style
                ; another comment style

                203.0.113.30
                198.51.100.0/24 ; SBL123
                0.0.0.0 ads.example
                evil.example # trailing comment
                http://x.example/#frag
                """, ImportDefaults.tlp(Tlp.CLEAR));
        assertThat(only(entries, ImportEntry.Candidate.class)).extracting(e -> e.item().value())
                .containsExactly("203.0.113.30", "198.51.100.0/24", "ads.example", "evil.example", "http://x.example/#frag");
        assertThat(only(entries, ImportEntry.Candidate.class)).extracting(ImportEntry::location)
                .startsWith("line 4");
        assertThat(only(entries, ImportEntry.Candidate.class)).allSatisfy(e -> assertThat(e.item().tlp()).isEqualTo(Tlp.CLEAR));
    }

    @Test
    void aTextLineLongerThanTheLimitIsRefusedWithoutStoppingTheList() throws Exception {
        String longLine = "x".repeat(300_000);
        List<ImportEntry> entries = read(new TextListReader(), "203.0.113.40\n" + longLine + "\n# " + longLine
                + "\nlong-list.example\nhttp://long.example/" + "a".repeat(3000) + "\n" + longLine, ImportDefaults.tlp(Tlp.CLEAR));
        assertThat(only(entries, ImportEntry.Candidate.class)).extracting(ImportEntry::location)
                .as("a long comment is still a comment; a 3,000-character URL is within the value limit")
                .containsExactly("line 1", "line 4", "line 5");
        List<ImportEntry.Refused> refused = only(entries, ImportEntry.Refused.class);
        assertThat(refused).extracting(ImportEntry::location).containsExactly("line 2", "line 6");
        assertThat(refused.get(0).reasons().get(0).code()).isEqualTo("line_too_long");
        assertThat(refused.get(0).reasons().get(0).message()).contains("300000 characters").contains(String.valueOf(TextListReader.MAX_LINE));
    }

    @Test
    void linesEndAtLfCrlfOrCrAndLongOnesAreCutNotHeld() throws Exception {
        try (BoundedLineReader reader = new BoundedLineReader(new java.io.StringReader("a\r\nbb\rccc\n\n" + "d".repeat(50) + "\r\n\r\ne"), 10)) {
            List<BoundedLineReader.Line> lines = new ArrayList<>();
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
            assertThat(lines).extracting(BoundedLineReader.Line::text)
                    .containsExactly("a", "bb", "ccc", "", "d".repeat(10), "", "e");
            assertThat(lines).extracting(BoundedLineReader.Line::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(lines.get(4).truncated()).isTrue();
            assertThat(lines.get(4).length()).isEqualTo(50);
            assertThat(lines.get(6).truncated()).isFalse();
        }
    }

    @Test
    void aCsvCellBeyondTheLimitStopsTheFileWithAClearErrorAndLongValuesWithinTheLimitPass() throws Exception {
        List<ImportEntry> ok = read(new CsvImportReader(), "value,type\nhttp://long.example/" + "a".repeat(3000) + ",url\n",
                ImportDefaults.tlp(Tlp.CLEAR));
        assertThat(only(ok, ImportEntry.Candidate.class)).as("the normalizer's limit, 4,096, applies, not a stricter one")
                .hasSize(1);
        assertThatThrownBy(() -> read(new CsvImportReader(), "value,type\n203.0.113.41,ipv4\n\"" + "x".repeat(1_500_000) + "\",url\n",
                ImportDefaults.tlp(Tlp.CLEAR)))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("line 3");
    }

    @Test
    void detectsEachFormatFromItsContent() throws Exception {
        assertThat(detect("{\"type\": \"bundle\", \"objects\": []}", null)).isEqualTo(ImportFormat.STIX);
        assertThat(detect(MISP_EVENT, null)).isEqualTo(ImportFormat.MISP);
        assertThat(detect("{\"5e6b7c1a-1111-4f00-9000-000000000001\": {\"info\": \"x\", \"timestamp\": \"1\"}}", null))
                .isEqualTo(ImportFormat.MISP_MANIFEST);
        assertThat(detect("# list\nvalue,type\n1.2.3.4,ipv4\n", null)).isEqualTo(ImportFormat.CSV);
        assertThat(detect("1.2.3.4\n5.6.7.8\n", null)).isEqualTo(ImportFormat.TEXT);
        assertThat(detect("1.2.3.4\n", "text/csv")).isEqualTo(ImportFormat.CSV);
        assertThatThrownBy(() -> detect("[1, 2]", null)).isInstanceOf(ImportFormatException.class);
        assertThatThrownBy(() -> detect("{\"hello\": 1}", null)).hasMessageContaining("neither a STIX");
        assertThatThrownBy(() -> detect("{\"type\": ", null)).hasMessageContaining("malformed");
        assertThat(detect("value,type," + "x".repeat(200_000), null)).as("a header without a line break").isEqualTo(ImportFormat.CSV);
        assertThat(detect("1".repeat(500_000), null)).isEqualTo(ImportFormat.TEXT);
    }

    private ImportFormat detect(String content, String contentType) throws Exception {
        Path file = dir.resolve("detect");
        Files.writeString(file, content);
        return FormatDetector.detect(file, contentType);
    }
}
