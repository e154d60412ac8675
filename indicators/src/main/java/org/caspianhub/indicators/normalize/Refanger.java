package org.caspianhub.indicators.normalize;

/**
 * Undoes the usual defanging of indicators in reports and chats: {@code hxxp://evil[.]example},
 * {@code user[at]evil(.)example}, {@code 203.0.113[.]7}, {@code evil[dot]example}. A single pass
 * over the characters (no regular expression), with a fast exit when nothing looks defanged.
 *
 * <p>Scheme defanging ({@code hxxp}, {@code hXXps}, {@code fxp}) is undone only at the start of
 * the value, so a path that happens to contain "hxxp" is left alone. Bracketed tokens may carry
 * spaces around them ({@code evil [.] example}); those spaces go with the token.
 */
final class Refanger {

    /** Bracketed or escaped tokens and what they stand for; matched case-insensitively. */
    private static final String[][] TOKENS = {
            {"[.]", "."}, {"(.)", "."}, {"{.}", "."}, {"<.>", "."},
            {"[dot]", "."}, {"(dot)", "."}, {"{dot}", "."}, {"<dot>", "."},
            {"[://]", "://"}, {"[:]", ":"}, {"(:)", ":"}, {"{:}", ":"},
            {"[/]", "/"},
            {"[at]", "@"}, {"(at)", "@"}, {"{at}", "@"}, {"<at>", "@"},
            {"[@]", "@"}, {"(@)", "@"}, {"{@}", "@"},
            {"\\.", "."},
    };

    /** Defanged schemes, longest first so "hxxps" wins over "hxxp". */
    private static final String[][] SCHEMES = {
            {"hxxps", "https"}, {"hxxp", "http"}, {"hxtps", "https"}, {"hxtp", "http"},
            {"fxp", "ftp"},
    };

    private Refanger() {
    }

    static String refang(String value) {
        String result = refangScheme(value);
        if (!mayContainTokens(result)) {
            return result;
        }
        StringBuilder out = new StringBuilder(result.length());
        int i = 0;
        int n = result.length();
        while (i < n) {
            char c = result.charAt(i);
            String[] token = (c == '[' || c == '(' || c == '{' || c == '<' || c == '\\') ? tokenAt(result, i) : null;
            if (token == null) {
                out.append(c);
                i++;
                continue;
            }
            trimTrailingSpaces(out);
            out.append(token[1]);
            i += token[0].length();
            while (i < n && result.charAt(i) == ' ') {
                i++;
            }
        }
        return out.toString();
    }

    private static String refangScheme(String value) {
        for (String[] scheme : SCHEMES) {
            String defanged = scheme[0];
            if (value.length() > defanged.length() && value.regionMatches(true, 0, defanged, 0, defanged.length())) {
                char next = value.charAt(defanged.length());
                // "hxxp:" / "hxxp[:]" / "hxxp(:)": a scheme, not a word that starts with these letters
                if (next == ':' || next == '[' || next == '(' || next == '{') {
                    return scheme[1] + value.substring(defanged.length());
                }
            }
        }
        return value;
    }

    private static boolean mayContainTokens(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '[' || c == '(' || c == '{' || c == '<' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static String[] tokenAt(String value, int offset) {
        for (String[] token : TOKENS) {
            if (value.regionMatches(true, offset, token[0], 0, token[0].length())) {
                return token;
            }
        }
        return null;
    }

    private static void trimTrailingSpaces(StringBuilder out) {
        int len = out.length();
        while (len > 0 && out.charAt(len - 1) == ' ') {
            len--;
        }
        out.setLength(len);
    }
}
