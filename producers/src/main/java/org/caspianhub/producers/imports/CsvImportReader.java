package org.caspianhub.producers.imports;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.submit.IndicatorItem;
import org.caspianhub.producers.submit.ItemRules;
import org.caspianhub.producers.submit.JsonFields;
import org.caspianhub.producers.submit.Labels;

/**
 * CSV with a header row. Columns (any order, case and {@code _}/{@code -}/space insensitive):
 * {@code value} (required; also {@code indicator}, {@code ioc}), {@code type}, {@code tlp},
 * {@code confidence}, {@code severity}, {@code tags} (separated by {@code ;} or {@code |}),
 * {@code description}, {@code valid_until}, {@code references}, {@code incident}, {@code campaign},
 * {@code external_id}. Other columns are ignored. A row with a bad cell is refused with the
 * column's reason; the other rows go on.
 */
public final class CsvImportReader implements ImportReader {

    private static final Map<String, String> COLUMN_ALIASES = Map.ofEntries(
            Map.entry("value", "value"), Map.entry("indicator", "value"), Map.entry("ioc", "value"),
            Map.entry("observable", "value"), Map.entry("type", "type"), Map.entry("tlp", "tlp"),
            Map.entry("confidence", "confidence"), Map.entry("severity", "severity"), Map.entry("tags", "tags"),
            Map.entry("description", "description"), Map.entry("comment", "description"),
            Map.entry("validuntil", "validUntil"), Map.entry("expires", "validUntil"),
            Map.entry("references", "references"), Map.entry("reference", "references"),
            Map.entry("incident", "incident"), Map.entry("campaign", "campaign"),
            Map.entry("externalid", "externalId"), Map.entry("id", "externalId"));

    /**
     * The longest cell: far beyond any real one (a value is at most {@link ItemRules#MAX_VALUE}, a
     * description is cut at {@link ItemRules#MAX_DESCRIPTION}), and small enough that a file with an
     * unclosed quote or no line breaks cannot fill the memory (Jackson's own default is 20 million).
     */
    static final int MAX_CELL = 1_000_000;

    private final CsvMapper mapper = new CsvMapper(CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_CELL).build())
            .build());

    @Override
    public void read(Path file, ImportDefaults defaults, Consumer<ImportEntry> sink) throws IOException {
        try {
            readRows(file, defaults, sink);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the header line, read before the first row: an empty file or one of blank lines (found by ImportersFuzzTest)
            throw new ImportFormatException("the CSV has no header line naming its columns: " + e.getOriginalMessage(), e);
        }
    }

    private void readRows(Path file, ImportDefaults defaults, Consumer<ImportEntry> sink) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (BufferedReader reader = Files2.utf8Reader(file);
             MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema)
                     .with(CsvParser.Feature.TRIM_SPACES).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                     .readValues(reader)) {
            Map<String, String> columns = null;
            while (true) {
                Map<String, String> row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    row = rows.nextValue();
                } catch (RuntimeJsonMappingException | IOException e) {
                    throw new ImportFormatException("the CSV cannot be read past line "
                            + rows.getCurrentLocation().getLineNr() + ": " + e.getMessage(), e);
                }
                if (columns == null) {
                    columns = columns(rows.getParser().getSchema());
                }
                String location = "line " + rows.getParser().currentTokenLocation().getLineNr();
                sink.accept(entry(location, canonical(row, columns), defaults));
            }
        }
    }

    private static Map<String, String> columns(com.fasterxml.jackson.core.FormatSchema schema) {
        Map<String, String> byHeader = new LinkedHashMap<>();
        if (schema instanceof CsvSchema csv) {
            for (CsvSchema.Column column : csv) {
                String key = column.getName().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
                String canonical = COLUMN_ALIASES.get(key);
                if (canonical != null && !byHeader.containsValue(canonical)) {
                    byHeader.put(column.getName(), canonical);
                }
            }
        }
        if (!byHeader.containsValue("value")) {
            throw new ImportFormatException("the CSV header has no 'value' column (the first line must name the "
                    + "columns, e.g. value,type,tlp,confidence,tags)");
        }
        return byHeader;
    }

    private static Map<String, String> canonical(Map<String, String> row, Map<String, String> columns) {
        Map<String, String> out = new LinkedHashMap<>();
        columns.forEach((header, name) -> {
            String cell = row.get(header);
            if (cell != null && !cell.isBlank()) {
                out.put(name, cell.trim());
            }
        });
        return out;
    }

    private static ImportEntry entry(String location, Map<String, String> row, ImportDefaults defaults) {
        List<FieldError> errors = new ArrayList<>();
        String value = row.get("value");
        if (value == null) {
            return ImportEntry.Refused.because(location, "value", "required", "the value cell is empty");
        }
        IndicatorType type = null;
        if (row.containsKey("type")) {
            type = Labels.type(row.get("type")).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "invalid_type", "type must be one of " + Labels.typeNames()
                        + ", got '" + row.get("type") + "'"));
            }
        }
        Tlp tlp = defaults.tlp();
        if (row.containsKey("tlp")) {
            tlp = Labels.tlp(row.get("tlp")).orElse(null);
            if (tlp == null) {
                errors.add(new FieldError("tlp", "invalid_tlp", "tlp must be one of " + ItemRules.TLP_NAMES
                        + ", got '" + row.get("tlp") + "'"));
            }
        }
        Integer confidence = defaults.confidence();
        if (row.containsKey("confidence")) {
            try {
                confidence = Integer.parseInt(row.get("confidence"));
                if (confidence < 0 || confidence > 100) {
                    errors.add(new FieldError("confidence", "out_of_range", "confidence must be from 0 to 100, got " + confidence));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("confidence", "not_an_integer", "confidence must be a whole number from 0 to 100, got '"
                        + row.get("confidence") + "'"));
            }
        }
        Severity severity = Severity.UNKNOWN;
        if (row.containsKey("severity")) {
            severity = Labels.severity(row.get("severity")).orElse(null);
            if (severity == null) {
                errors.add(new FieldError("severity", "invalid_severity", "severity must be one of "
                        + ItemRules.SEVERITY_NAMES + ", got '" + row.get("severity") + "'"));
            }
        }
        Instant validUntil = null;
        if (row.containsKey("validUntil")) {
            validUntil = JsonFields.parseInstant(row.get("validUntil")).orElse(null);
            if (validUntil == null) {
                errors.add(new FieldError("valid_until", "invalid_timestamp",
                        "valid_until must be an ISO-8601 timestamp such as 2026-07-01T00:00:00Z, got '" + row.get("validUntil") + "'"));
            }
        }
        if (!errors.isEmpty()) {
            return new ImportEntry.Refused(location, errors);
        }
        List<String> tags = merge(defaults.tags(), split(row.get("tags")));
        List<String> references = merge(defaults.references(), split(row.get("references")));
        if (row.containsKey("incident")) {
            references = merge(references, List.of("incident:" + row.get("incident")));
        }
        if (row.containsKey("campaign")) {
            references = merge(references, List.of("campaign:" + row.get("campaign")));
        }
        String description = row.get("description");
        if (description != null && description.length() > ItemRules.MAX_DESCRIPTION) {
            description = description.substring(0, ItemRules.MAX_DESCRIPTION);
        }
        return new ImportEntry.Candidate(location, new IndicatorItem(value, type, tlp, confidence, severity,
                limit(tags, ItemRules.MAX_TAGS), description, validUntil, limit(references, ItemRules.MAX_REFERENCES),
                null, row.getOrDefault("externalId", location)));
    }

    private static List<String> split(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split("[;|,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static List<String> merge(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    private static List<String> limit(List<String> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }
}
