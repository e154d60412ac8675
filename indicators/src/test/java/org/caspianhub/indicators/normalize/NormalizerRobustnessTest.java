package org.caspianhub.indicators.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;

/**
 * The topology normalizes whatever a feed sends: arbitrary text must give an answer, never an
 * exception, and every valid answer must be a fixed point. Seeded, so a failure is reproducible.
 */
class NormalizerRobustnessTest {

    private static final IndicatorNormalizer NORMALIZER = new IndicatorNormalizer();
    private static final String[] PIECES = {
            "a", "Z", "0", "9", "f", ".", "..", ":", "::", "/", "//", "\\", "@", "%", "%2e", "%41", "%zz", "?", "#",
            "[", "]", "[.]", "(.)", "[at]", "[:]", "hxxp", "http://", "https://", "ftp://", "mailto:", "xn--", "-",
            "_", " ", "~", "+", "=", "&", "*", "ü", "ß", "。", "ｅ", "п", "٣", "\u200D", "😀", "CVE-", "AS", "1999",
            "2001:db8", "10.", "255", "256", "0x", "/24", "/0", "/129", ":8080", "evil", "example", "com", "co.uk",
            "\"", "'", "<", ">", "|", "{", "}", "^", "`", "!", "$", ",", ";"};

    @Test
    void arbitraryTextGivesAnAnswerNeverAnException() {
        Random random = new Random(20260);
        List<IndicatorType> declarations = new ArrayList<>();
        declarations.add(null);
        declarations.addAll(List.of(IndicatorType.values()));
        int valid = 0;
        for (int i = 0; i < 30_000; i++) {
            String raw = random.nextBoolean() ? pieces(random, 1 + random.nextInt(12)) : shaped(random);
            IndicatorType declared = declarations.get(random.nextInt(declarations.size()));
            Normalized result;
            try {
                result = NORMALIZER.normalize(raw, declared);
            } catch (RuntimeException e) {
                throw new AssertionError("normalize(" + raw + ", " + declared + ") threw", e);
            }
            if (result instanceof Normalized.Invalid invalid) {
                assertThat(invalid.errors()).as(raw).isNotEmpty();
                continue;
            }
            valid++;
            Normalized.Valid v = (Normalized.Valid) result;
            assertThat(NORMALIZER.normalize(v.value(), v.type())).as("fixed point of %s", raw).isEqualTo(v);
            assertThat(NORMALIZER.normalize(v.value(), null)).as("detected fixed point of %s", raw).isEqualTo(v);
            if (v.type() == IndicatorType.URL) {
                try {
                    URI uri = URI.create(v.value());
                    assertThat(uri.getScheme()).isIn("http", "https", "ftp");
                } catch (IllegalArgumentException e) {
                    fail("canonical url " + v.value() + " (from " + raw + ") is not RFC 3986: " + e.getMessage());
                }
            }
        }
        assertThat(valid).as("the generator also produces valid values").isGreaterThan(1_000);
    }

    private static String pieces(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < count; p++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** Values with an indicator's outline and random insides, so that the valid paths are exercised too. */
    private static String shaped(Random random) {
        String[] schemes = {"http://", "HTTPS://", "hxxps://", "ftp://", "hXXp[:]//"};
        String[] hosts = {"evil.example", "Bücher.example", "[2001:DB8::1]", "203.0.113.7", "0x7f.1", "login.evil.co.uk",
                "evil[.]example", "xn--fa-hia.de", "EVIL.example."};
        String[] labels = {"evil", "Ü", "a_b", "xn--fa-hia", "login", "ß", "a-b", "x", "пример", "0"};
        String[] tlds = {"example", "com", "co.uk", "de", "рф", "test"};
        String domain = labels[random.nextInt(labels.length)] + (random.nextBoolean() ? "." + labels[random.nextInt(labels.length)] : "")
                + "." + tlds[random.nextInt(tlds.length)];
        return switch (random.nextInt(4)) {
            case 0 -> schemes[random.nextInt(schemes.length)] + hosts[random.nextInt(hosts.length)]
                    + (random.nextInt(4) == 0 ? ":" + random.nextInt(70_000) : "") + "/" + pieces(random, random.nextInt(8));
            case 1 -> domain;
            case 2 -> pieces(random, 1).replace("@", "x") + "user" + "@" + domain;
            default -> random.nextBoolean()
                    ? random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(300)
                    + (random.nextBoolean() ? "/" + random.nextInt(40) : "")
                    : String.format("%x:%x::%x", random.nextInt(70_000), random.nextInt(70_000), random.nextInt(70_000))
                    + (random.nextBoolean() ? "/" + random.nextInt(140) : "");
        };
    }
}
