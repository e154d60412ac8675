package org.caspianhub.producers.knowledge;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.tlp.TlpLevels;
import org.caspianhub.tlp.TlpOrder;

/**
 * The filters of a search and an export, from query parameters: each one narrows, and a bad one is
 * refused with its own field error. Tags, references and parties match whole, ignoring case.
 *
 * @param tlp    at most this level (CLEAR and GREEN for {@code tlp=green})
 * @param active only indicators whose status is ACTIVE (the export's {@code active=true})
 */
public record SearchFilter(IndicatorType type, String tag, String reference, String party, Integer minScore,
                           IndicatorStatus status, Tlp tlp, Instant firstSeenFrom, Instant firstSeenTo,
                           Instant lastSeenFrom, Instant lastSeenTo, boolean active) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null, null, null, null, null, null,
            null, false);

    /** The parameters this filter reads (the rest of a request's parameters are the endpoint's). */
    public static final List<String> PARAMETERS = List.of("type", "tag", "reference", "party", "minScore", "status", "tlp",
            "firstSeenFrom", "firstSeenTo", "lastSeenFrom", "lastSeenTo", "active");

    /** The filter, or the reason each bad parameter is bad. */
    public record Parsed(SearchFilter filter, List<FieldError> errors) {
    }

    public static Parsed parse(Map<String, List<String>> query) {
        List<FieldError> errors = new ArrayList<>();
        Function<String, String> one = name -> {
            List<String> values = query.get(name);
            if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
                return null;
            }
            if (values.size() > 1) {
                errors.add(new FieldError(name, "repeated_parameter", name + " may be given once"));
            }
            return values.get(0);
        };
        IndicatorType type = parse(one.apply("type"), "type", errors, Labels::type, "type must be one of " + Labels.typeNames());
        String tag = term(one.apply("tag"), "tag", errors);
        String reference = term(one.apply("reference"), "reference", errors);
        String party = term(one.apply("party"), "party", errors);
        Integer minScore = parse(one.apply("minScore"), "minScore", errors, SearchFilter::score,
                "minScore must be a whole number from 0 to 100");
        IndicatorStatus status = parse(one.apply("status"), "status", errors, text -> {
            for (IndicatorStatus s : IndicatorStatus.values()) {
                if (s != IndicatorStatus.UNKNOWN && s.name().equalsIgnoreCase(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }, "status must be active, revoked or expired");
        Tlp tlp = parse(one.apply("tlp"), "tlp", errors, TlpLevels::parse, "tlp must be one of " + TlpLevels.ACCEPTED);
        Instant firstFrom = parse(one.apply("firstSeenFrom"), "firstSeenFrom", errors, SearchFilter::instant, TIME);
        Instant firstTo = parse(one.apply("firstSeenTo"), "firstSeenTo", errors, SearchFilter::instant, TIME);
        Instant lastFrom = parse(one.apply("lastSeenFrom"), "lastSeenFrom", errors, SearchFilter::instant, TIME);
        Instant lastTo = parse(one.apply("lastSeenTo"), "lastSeenTo", errors, SearchFilter::instant, TIME);
        Boolean active = parse(one.apply("active"), "active", errors, text -> text.equalsIgnoreCase("true")
                ? Optional.of(true) : text.equalsIgnoreCase("false") ? Optional.of(false) : Optional.empty(),
                "active must be true or false");
        if (firstFrom != null && firstTo != null && firstFrom.isAfter(firstTo)) {
            errors.add(new FieldError("firstSeenFrom", "empty_window", "firstSeenFrom is after firstSeenTo"));
        }
        if (lastFrom != null && lastTo != null && lastFrom.isAfter(lastTo)) {
            errors.add(new FieldError("lastSeenFrom", "empty_window", "lastSeenFrom is after lastSeenTo"));
        }
        SearchFilter filter = new SearchFilter(type, tag, reference, party, minScore, status, tlp, firstFrom, firstTo,
                lastFrom, lastTo, active != null && active);
        return new Parsed(errors.isEmpty() ? filter : null, List.copyOf(errors));
    }

    private static final String TIME = "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z";

    /** Whether a view passes every filter but the driving one (which the scan already applied: matching again is harmless). */
    public boolean matches(IndicatorView v) {
        return (type == null || v.type() == type)
                && (tag == null || containsIgnoreCase(v.tags(), tag))
                && (reference == null || containsIgnoreCase(v.references(), reference))
                && (party == null || containsIgnoreCase(v.parties(), party))
                && (minScore == null || v.score() >= minScore)
                && (status == null || v.status() == status)
                && (!active || v.status() == IndicatorStatus.ACTIVE)
                && (tlp == null || TlpOrder.atMost(v.tlp(), tlp))
                && (firstSeenFrom == null || v.firstSeen() >= firstSeenFrom.toEpochMilli())
                && (firstSeenTo == null || v.firstSeen() <= firstSeenTo.toEpochMilli())
                && (lastSeenFrom == null || v.lastSeen() >= lastSeenFrom.toEpochMilli())
                && (lastSeenTo == null || v.lastSeen() <= lastSeenTo.toEpochMilli());
    }

    /** One string per distinct filter (for an ETag): the same filters, the same string. */
    public String canonical() {
        return String.join("|", String.valueOf(type), String.valueOf(tag), String.valueOf(reference), String.valueOf(party),
                String.valueOf(minScore), String.valueOf(status), String.valueOf(tlp), String.valueOf(firstSeenFrom),
                String.valueOf(firstSeenTo), String.valueOf(lastSeenFrom), String.valueOf(lastSeenTo), String.valueOf(active));
    }

    /** The lower-case type prefix of the indicator keys this filter can match ({@code domain:}), or empty. */
    String keyPrefix() {
        return type == null ? "" : type.name().toLowerCase(Locale.ROOT) + ":";
    }

    private static boolean containsIgnoreCase(List<String> values, String wanted) {
        for (String v : values) {
            if (v.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String term(String text, String field, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        if (text.length() > 256 || text.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, "invalid_" + field, field + " is at most 256 characters, without NUL"));
            return null;
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static <T> T parse(String text, String field, List<FieldError> errors, Function<String, Optional<T>> parser,
                               String message) {
        if (text == null) {
            return null;
        }
        Optional<T> value = parser.apply(text);
        if (value.isEmpty()) {
            errors.add(new FieldError(field, "invalid_" + field.toLowerCase(Locale.ROOT),
                    (message.startsWith("must") ? field + " " : "") + message + "; got '" + shorten(text) + "'"));
            return null;
        }
        return value.get();
    }

    private static Optional<Integer> score(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            return v >= 0 && v <= 100 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
