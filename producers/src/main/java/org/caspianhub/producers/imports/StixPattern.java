package org.caspianhub.producers.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of the STIX 2.1 patterning language an indicator hub can use: the comparisons of a
 * pattern ({@code [ipv4-addr:value = '198.51.100.1' OR domain-name:value = 'evil.example']}), each
 * with its object path, operator and literal. Observations may be joined by AND, OR or FOLLOWEDBY
 * and carry qualifiers (WITHIN, REPEATS, START/STOP); those shape when a pattern matches, not which
 * values it names, so they are accepted and ignored. Whether a comparison is usable is decided by
 * {@link StixObservables}.
 */
public final class StixPattern {

    /** One comparison inside an observation. */
    public record Comparison(String objectPath, String operator, boolean negated, String literal, boolean stringLiteral) {
        public String text() {
            return objectPath + (negated ? " NOT " : " ") + operator + " " + (stringLiteral ? "'" + literal + "'" : literal);
        }
    }

    /** The comparisons of a pattern, or why it could not be read. */
    public record Parsed(List<Comparison> comparisons, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private static final Set<String> COMPARISON_OPERATORS = Set.of("=", "!=", "<", ">", "<=", ">=", "LIKE", "MATCHES",
            "IN", "ISSUBSET", "ISSUPERSET", "EXISTS");
    private static final Set<String> JOINS = Set.of("AND", "OR", "FOLLOWEDBY");
    private static final Set<String> QUALIFIER_WORDS = Set.of("WITHIN", "REPEATS", "START", "STOP", "SECONDS", "TIMES");

    private StixPattern() {
    }

    public static Parsed parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return new Parsed(List.of(), "the pattern is empty");
        }
        try {
            List<String> tokens = tokenize(pattern);
            return new Parsed(comparisons(tokens), null);
        } catch (IllegalArgumentException e) {
            return new Parsed(List.of(), e.getMessage());
        }
    }

    private static List<Comparison> comparisons(List<String> tokens) {
        List<Comparison> out = new ArrayList<>();
        int depth = 0;
        boolean sawObservation = false;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            String upper = t.toUpperCase(Locale.ROOT);
            if (t.equals("[")) {
                if (depth != 0) {
                    throw new IllegalArgumentException("nested '[' at token " + (i + 1));
                }
                depth = 1;
                sawObservation = true;
                i++;
            } else if (t.equals("]")) {
                if (depth != 1) {
                    throw new IllegalArgumentException("']' without a matching '['");
                }
                depth = 0;
                i++;
            } else if (t.equals("(") || t.equals(")") || JOINS.contains(upper)) {
                i++;
            } else if (depth == 0) {
                // qualifiers after an observation: WITHIN 600 SECONDS, REPEATS 5 TIMES, START t'..' STOP t'..'
                if (isObjectPath(t)) {
                    throw new IllegalArgumentException("the comparison on " + t + " is not inside square brackets [ ]");
                }
                if (!QUALIFIER_WORDS.contains(upper) && !isLiteral(t)) {
                    throw new IllegalArgumentException("unexpected '" + t + "' outside an observation");
                }
                i++;
            } else {
                if (!isObjectPath(t)) {
                    throw new IllegalArgumentException("expected an object path such as ipv4-addr:value, got '" + t + "'");
                }
                int j = i + 1;
                boolean negated = false;
                if (j < tokens.size() && tokens.get(j).equalsIgnoreCase("NOT")) {
                    negated = true;
                    j++;
                }
                if (j >= tokens.size()) {
                    throw new IllegalArgumentException("the comparison on " + t + " has no operator");
                }
                String op = tokens.get(j).toUpperCase(Locale.ROOT);
                if (!COMPARISON_OPERATORS.contains(op)) {
                    throw new IllegalArgumentException("unknown operator '" + tokens.get(j) + "' after " + t);
                }
                j++;
                if (op.equals("EXISTS")) {
                    out.add(new Comparison(t, op, negated, "", false));
                    i = j;
                    continue;
                }
                if (j >= tokens.size()) {
                    throw new IllegalArgumentException("the comparison on " + t + " has no value");
                }
                String value = tokens.get(j);
                if (value.equals("(")) { // IN ('a', 'b')
                    StringBuilder set = new StringBuilder("(");
                    j++;
                    while (j < tokens.size() && !tokens.get(j).equals(")")) {
                        set.append(tokens.get(j)).append(tokens.get(j).equals(",") ? " " : "");
                        j++;
                    }
                    out.add(new Comparison(t, op, negated, set.append(')').toString(), false));
                    i = j + 1;
                    continue;
                }
                if (!isLiteral(value)) {
                    throw new IllegalArgumentException("expected a value after " + t + " " + op + ", got '" + value + "'");
                }
                boolean string = value.startsWith("'");
                out.add(new Comparison(t, op, negated, string ? unquote(value) : value, string));
                i = j + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("an observation is not closed with ']'");
        }
        if (!sawObservation || out.isEmpty()) {
            throw new IllegalArgumentException("the pattern has no comparison in square brackets");
        }
        return out;
    }

    private static boolean isObjectPath(String t) {
        int colon = t.indexOf(':');
        return colon > 0 && Character.isLetter(t.charAt(0)) && colon < t.length() - 1;
    }

    private static boolean isLiteral(String t) {
        return t.startsWith("'") || t.startsWith("t'") || t.startsWith("h'") || t.startsWith("b'")
                || t.matches("-?[0-9]+(\\.[0-9]+)?") || t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
    }

    private static String unquote(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                out.append(body.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static List<String> tokenize(String pattern) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '[' || c == ']' || c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'' || ((c == 't' || c == 'h' || c == 'b') && i + 1 < n && pattern.charAt(i + 1) == '\'')) {
                int start = i;
                i += c == '\'' ? 1 : 2;
                while (i < n && pattern.charAt(i) != '\'') {
                    i += pattern.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= n) {
                    throw new IllegalArgumentException("a string literal is not closed");
                }
                tokens.add(pattern.substring(start, ++i));
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                int start = i++;
                if (i < n && pattern.charAt(i) == '=') {
                    i++;
                }
                tokens.add(pattern.substring(start, i));
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                int start = i;
                while (i < n) {
                    char d = pattern.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '-' || d == '_' || d == ':' || d == '.') {
                        i++;
                    } else if (d == '\'' && i > start && pattern.charAt(i - 1) == '.') {
                        int close = pattern.indexOf('\'', i + 1); // a quoted path step: hashes.'SHA-256'
                        if (close < 0) {
                            throw new IllegalArgumentException("a quoted property name is not closed");
                        }
                        i = close + 1;
                    } else if (d == '[' && i > start && pattern.indexOf(']', i) > i
                            && pattern.substring(i + 1, pattern.indexOf(']', i)).matches("\\*|[0-9]+")) {
                        i = pattern.indexOf(']', i) + 1; // a list step: body_multipart[*]
                    } else {
                        break;
                    }
                }
                tokens.add(pattern.substring(start, i));
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' at position " + (i + 1));
            }
        }
        return tokens;
    }
}
