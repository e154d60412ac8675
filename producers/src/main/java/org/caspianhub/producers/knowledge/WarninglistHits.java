package org.caspianhub.producers.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.warninglist.Warninglist;
import org.caspianhub.indicators.warninglist.Warninglists;

/**
 * Which of the pipeline's MISP warninglists a value is on, worked out at query time from the same
 * lists the topology marks values with (public reference data: the answer depends on the value
 * alone, never on who submitted what). A listed value is never alerted, so a party's view of it
 * is usually empty: the look-up still says which list it is on.
 */
public final class WarninglistHits {

    /** A list's id (its file name, as in MISP's repository) and its MISP name. */
    public record Hit(String id, String name) {
    }

    private final Warninglists lists;
    private final Map<String, String> idsByName = new HashMap<>();

    public WarninglistHits(Warninglists lists) {
        this.lists = lists;
        for (Warninglist list : lists.lists()) {
            idsByName.putIfAbsent(list.name(), idOf(list.source()));
        }
    }

    public List<Hit> of(Normalized.Valid value) {
        List<String> names = lists.matches(value);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>(names.size());
        for (String name : names) {
            hits.add(new Hit(idsByName.getOrDefault(name, name), name));
        }
        return hits;
    }

    /** {@code warninglists/public-dns-v4.json} and {@code /x/lists/public-dns-v4/list.json} give {@code public-dns-v4}. */
    static String idOf(String source) {
        String s = source.replace('\\', '/');
        if (s.endsWith("/list.json")) {
            s = s.substring(0, s.length() - "/list.json".length());
        } else if (s.endsWith(".json")) {
            s = s.substring(0, s.length() - ".json".length());
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
