package org.caspianhub.indicators.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.NORMALIZER;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertCanonical;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertError;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.valid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What holds for every type: trimming, refanging, refusing junk, detection, keys. */
class IndicatorNormalizerTest {

    @ParameterizedTest(name = "{0} is detected as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            203.0.113.7                                                       | IPV4
            2001:db8::7                                                       | IPV6
            203.0.113.0/24                                                    | CIDR
            2001:db8::/32                                                     | CIDR
            evil.example                                                      | DOMAIN
            https://evil.example/login                                        | URL
            https://user@evil.example:8443/a:b                                | URL
            phish@evil.example                                                | EMAIL
            d41d8cd98f00b204e9800998ecf8427e                                  | MD5
            da39a3ee5e6b4b0d3255bfef95601890afd80709                          | SHA1
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  | SHA256
            CVE-2021-44228                                                    | CVE
            AS64500                                                           | ASN
            as15169.example                                                   | DOMAIN
            cve.example                                                       | DOMAIN
            deadbeef.example                                                  | DOMAIN
            """)
    void detectsTheTypeFromTheShape(String raw, IndicatorType expected) {
        assertThat(valid(raw, null).type()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "  evil.example  "             | DOMAIN | evil.example
            "\tevil.example\n"             | DOMAIN | evil.example
            "\u00A0evil.example\u00A0"     | DOMAIN | evil.example
            "\uFEFFevil.example"           | DOMAIN | evil.example
            "evil.example\u200B"           | DOMAIN | evil.example
            "\u3000203.0.113.7\u2003"      | IPV4   | 203.0.113.7
            """)
    void trimsWhitespaceThatCopyPasteBrings(String raw, IndicatorType type, String canonical) {
        String unescaped = raw.replace("\\t", "\t").replace("\\n", "\n")
                .replace("\\u00A0", "\u00A0").replace("\\uFEFF", "\uFEFF").replace("\\u200B", "\u200B")
                .replace("\\u3000", "\u3000").replace("\\u2003", "\u2003");
        assertCanonical(unescaped, null, type, canonical);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            hxxp://evil[.]example/a         | URL    | http://evil.example/a
            HXXPS://evil[.]example/a        | URL    | https://evil.example/a
            hXXps://evil(.)example/a        | URL    | https://evil.example/a
            hxxp[:]//evil[.]example         | URL    | http://evil.example/
            fxp://evil[.]example/f          | URL    | ftp://evil.example/f
            http://evil.example/hxxp        | URL    | http://evil.example/hxxp
            evil{.}example                  | DOMAIN | evil.example
            evil<dot>example                | DOMAIN | evil.example
            evil[DOT]example                | DOMAIN | evil.example
            evil(dot)example                | DOMAIN | evil.example
            a[at]evil[.]example             | EMAIL  | a@evil.example
            a(at)evil.example               | EMAIL  | a@evil.example
            a{at}evil.example               | EMAIL  | a@evil.example
            a(@)evil.example                | EMAIL  | a@evil.example
            a [AT] evil [DOT] example       | EMAIL  | a@evil.example
            198.51.100[.]23                 | IPV4   | 198.51.100.23
            2001[:]db8[:][:]1               | IPV6   | 2001:db8::1
            """)
    void refangsTheUsualDefangings(String raw, IndicatorType type, String canonical) {
        assertCanonical(raw, null, type, canonical);
    }

    @Test
    void refusesMissingAndBlankValues() {
        assertError(null, null, "value", "required", "value is missing");
        assertError("", IndicatorType.DOMAIN, "value", "required", "value is empty");
        assertError(" \t\n ", null, "value", "required", "value is empty");
    }

    @Test
    void refusesOverLongValuesNamingTheLimit() {
        String longValue = "a".repeat(5000) + ".example";
        assertError(longValue, null, "value", "too_long", "value is 5008 characters long; the limit is 4096");
    }

    @Test
    void refusesControlCharactersNamingWhereTheyAre() {
        assertError("evil\u0007.example", null, "value", "control_character", "U+0007 at position 5");
        assertError("evil.exa\u0000mple", IndicatorType.DOMAIN, "value", "control_character", "U+0000 at position 9");
        assertError("http://evil.example/\u001b[31m", null, "value", "control_character", "U+001B");
        assertError("evil\u202E.example", null, "value", "control_character", "U+202E"); // right-to-left override
        assertError("evil\uD800.example", null, "value", "control_character", "U+D800"); // lone surrogate
    }

    @Test
    void refusesATypeThisVersionDoesNotKnow() {
        assertError("evil.example", IndicatorType.UNKNOWN, "type", "unsupported_type",
                "the declared type is unknown to this version of the hub; leave the type out");
    }

    @Test
    void refusesValuesOfNoSupportedShape() {
        assertError("hello world", null, "value", "invalid_domain", "contains U+0020");
        assertError("64500", null, "value", "unrecognized", "bare number");
    }

    @ParameterizedTest
    @EnumSource(value = IndicatorType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyErrorCarriesAFieldACodeAndAMessage(IndicatorType declared) {
        for (String junk : List.of("%%%", "a b c", "[]", "@", "::::", "/", "-", ".", "hxxp", "http://")) {
            Normalized result = NORMALIZER.normalize(junk, declared);
            assertThat(result).as("%s as %s", junk, declared).isInstanceOf(Normalized.Invalid.class);
            for (FieldError error : ((Normalized.Invalid) result).errors()) {
                assertThat(error.field()).isIn("value", "type");
                assertThat(error.code()).matches("[a-z0-9]+(_[a-z0-9]+)*");
                assertThat(error.message()).isNotBlank();
            }
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<String> values = List.of("hxxp://evil[.]example/a", "2001:DB8::1", "Bücher.example", "AS64500",
                "d41d8cd98f00b204e9800998ecf8427e", "user[at]evil.example", "203.0.113.0/24", "CVE-2021-44228");
        List<Normalized> expected = values.stream().map(v -> NORMALIZER.normalize(v, null)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        int k = i % values.size();
                        if (!NORMALIZER.normalize(values.get(k), null).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> future : futures) {
                assertThat(future.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
