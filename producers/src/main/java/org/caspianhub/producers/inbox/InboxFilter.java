package org.caspianhub.producers.inbox;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.tlp.TlpLevels;
import org.caspianhub.tlp.TlpOrder;

/**
 * Which of its party's alerts a client of the live stream wants: some kinds, some indicator
 * types, a TLP at most (AMBER: CLEAR, GREEN and AMBER), a score at least. Empty sets mean every
 * kind or type. Applied on the gateway, so a filtered-out alert never crosses the network.
 */
public record InboxFilter(Set<AlertKind> kinds, Set<IndicatorType> types, Tlp maxTlp, int minScore) {

    public static final InboxFilter ALL = new InboxFilter(Set.of(), Set.of(), Tlp.RED, 0);

    public boolean accepts(StreamedAlert alert) {
        return (kinds.isEmpty() || kinds.contains(alert.kind()))
                && (types.isEmpty() || types.contains(alert.type()))
                && TlpOrder.atMost(alert.tlp(), maxTlp)
                && alert.score() >= minScore;
    }

    /** The filter the query parameters name ({@code kind}, {@code type}: repeated or comma-separated), or every error in them. */
    public static InboxFilter parse(List<String> kindParams, List<String> typeParams, String tlp, String minScore,
                                    List<FieldError> errors) {
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        for (String kind : split(kindParams)) {
            AlertKind parsed = kind(kind);
            if (parsed == null) {
                errors.add(new FieldError("kind", "invalid_kind", "kind must be one of new_indicator, updated, "
                        + "cross_border_match, related, revoked, expired, false_positive; got '" + clip(kind) + "'"));
            } else {
                kinds.add(parsed);
            }
        }
        Set<IndicatorType> types = EnumSet.noneOf(IndicatorType.class);
        for (String type : split(typeParams)) {
            Labels.type(type).ifPresentOrElse(types::add, () -> errors.add(new FieldError("type", "invalid_type",
                    "type must be one of " + Labels.typeNames() + "; got '" + clip(type) + "'")));
        }
        Tlp maxTlp = Tlp.RED;
        if (tlp != null && !tlp.isBlank()) {
            maxTlp = TlpLevels.parse(tlp).orElse(null);
            if (maxTlp == null) {
                errors.add(new FieldError("tlp", "invalid_tlp", "tlp (the most restrictive level wanted) must be one of "
                        + TlpLevels.ACCEPTED + "; got '" + clip(tlp) + "'"));
                maxTlp = Tlp.RED;
            }
        }
        int score = 0;
        if (minScore != null && !minScore.isBlank()) {
            String s = minScore.trim();
            if (s.matches("\\d{1,3}") && Integer.parseInt(s) <= 100) {
                score = Integer.parseInt(s);
            } else {
                errors.add(new FieldError("minScore", "invalid_min_score", "minScore must be a whole number from 0 to 100; got '"
                        + clip(minScore) + "'"));
            }
        }
        return new InboxFilter(Set.copyOf(kinds), Set.copyOf(types), maxTlp, score);
    }

    private static AlertKind kind(String text) {
        try {
            AlertKind kind = AlertKind.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            return kind == AlertKind.UNKNOWN ? null : kind;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> split(List<String> params) {
        List<String> values = new ArrayList<>();
        for (String param : params == null ? List.<String>of() : params) {
            for (String v : param.split(",")) {
                if (!v.isBlank()) {
                    values.add(v.trim());
                }
            }
        }
        return values;
    }

    /** An echoed value is cut short: it came from the client. */
    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
