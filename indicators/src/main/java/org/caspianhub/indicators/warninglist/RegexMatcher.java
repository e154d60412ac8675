package org.caspianhub.indicators.warninglist;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions as MISP writes them for PHP's preg_match: {@code /pattern/flags} with the
 * flags i, m, s and x; an entry without delimiters is taken as a bare pattern. A pattern that does
 * not compile fails the load with the list's name: a list that silently matches less is worse.
 */
final class RegexMatcher implements EntryMatcher {

    private final List<Pattern> patterns;

    RegexMatcher(List<String> entries, String listName) {
        List<Pattern> compiled = new ArrayList<>(entries.size());
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                compiled.add(compile(trimmed));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("warninglist '" + listName + "': the regex '" + trimmed
                        + "' does not compile: " + e.getDescription(), e);
            }
        }
        this.patterns = List.copyOf(compiled);
    }

    static Pattern compile(String entry) {
        char delimiter = entry.charAt(0);
        int end = entry.lastIndexOf(delimiter);
        boolean delimited = entry.length() > 2 && !Character.isLetterOrDigit(delimiter) && delimiter != '\\'
                && end > 0 && entry.substring(end + 1).matches("[imsxu]*");
        if (!delimited) {
            return Pattern.compile(entry);
        }
        int flags = 0;
        for (char flag : entry.substring(end + 1).toCharArray()) {
            flags |= switch (flag) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                default -> 0; // u: Java strings are Unicode already
            };
        }
        return Pattern.compile(entry.substring(1, end), flags);
    }

    @Override
    public boolean matches(String value) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(value).find()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return patterns.size();
    }
}
