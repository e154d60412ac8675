package org.caspianhub.producers.knowledge.export;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.caspianhub.producers.knowledge.IndicatorView;

/**
 * Suricata rules: addresses and prefixes as IP rules in both directions, domains as DNS query
 * rules (the domain and its subdomains), URLs as HTTP rules on host and path. Hashes, e-mail
 * addresses, CVEs and ASNs have no rule of this kind and are listed as comments. Rule ids count
 * up from {@link #FIRST_SID} in the export's order (indicator-key order), so an unchanged list gets
 * the same ids; content is escaped the way Suricata reads it ({@code |hex|} for {@code " ; \ |}).
 */
final class SuricataExport extends WriterExport {

    /** In the range Suricata leaves to local rules. */
    static final long FIRST_SID = 3_000_000_000L;

    private long sid = FIRST_SID;

    SuricataExport(OutputStream out) {
        super(out);
    }

    @Override
    public void begin() throws IOException {
        out.write("# Caspian Hub indicators as Suricata rules. Load with rule-files in suricata.yaml.\n");
    }

    @Override
    public void write(IndicatorView v) throws IOException {
        String msg = "Caspian Hub " + v.type().name().toLowerCase(java.util.Locale.ROOT) + " " + v.value() + " ("
                + Exports.describe(v) + ")";
        switch (v.type()) {
            case IPV4, IPV6, CIDR -> {
                rule("alert ip $HOME_NET any -> " + v.value() + " any", msg, "");
                rule("alert ip " + v.value() + " any -> $HOME_NET any", msg, "");
            }
            case DOMAIN -> rule("alert dns $HOME_NET any -> any any", msg,
                    "dns.query; dotprefix; content:\"" + escape("." + v.value()) + "\"; nocase; endswith; ");
            case URL -> {
                URI uri = parse(v.value());
                if (uri == null || uri.getHost() == null) {
                    comment(v);
                } else {
                    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                    if (uri.getRawQuery() != null) {
                        path = path + "?" + uri.getRawQuery();
                    }
                    rule("alert http $HOME_NET any -> any any", msg, "http.host; content:\"" + escape(uri.getHost())
                            + "\"; nocase; endswith; http.uri; content:\"" + escape(path) + "\"; startswith; ");
                }
            }
            default -> comment(v);
        }
    }

    private void rule(String header, String msg, String options) throws IOException {
        out.write(header);
        out.write(" (msg:\"");
        out.write(escapeMessage(msg));
        out.write("\"; ");
        out.write(options);
        out.write("sid:");
        out.write(Long.toString(sid++));
        out.write("; rev:1;)\n");
    }

    private void comment(IndicatorView v) throws IOException {
        out.write("# no rule for " + v.type().name().toLowerCase(java.util.Locale.ROOT) + " " + v.value().replace('\n', ' ') + "\n");
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Content bytes Suricata would read as syntax, as |hex|. */
    static String escape(String content) {
        StringBuilder s = new StringBuilder(content.length() + 8);
        for (char c : content.toCharArray()) {
            if (c == '"' || c == ';' || c == '\\' || c == '|' || c < 0x20) {
                s.append('|').append(String.format("%02X", (int) c)).append('|');
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** A msg cannot hold {@code " ; \} unescaped; Suricata escapes them with a backslash. */
    static String escapeMessage(String msg) {
        StringBuilder s = new StringBuilder(msg.length() + 8);
        for (char c : msg.toCharArray()) {
            if (c == '"' || c == ';' || c == '\\') {
                s.append('\\');
            }
            s.append(c < 0x20 ? ' ' : c);
        }
        return s.toString();
    }
}
