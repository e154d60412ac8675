package org.caspianhub.indicators.normalize;

import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertCanonical;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertError;

import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNormalizationTest {

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Evil.Example                |        | DOMAIN | evil.example
            evil.example.               |        | DOMAIN | evil.example
            evil[.]example              |        | DOMAIN | evil.example
            evil(.)example              | DOMAIN | DOMAIN | evil.example
            evil{.}example              |        | DOMAIN | evil.example
            evil[dot]example            |        | DOMAIN | evil.example
            evil [dot] example          |        | DOMAIN | evil.example
            evil\\.example              |        | DOMAIN | evil.example
            login.evil.example          |        | DOMAIN | login.evil.example
            a.b.c.login.evil.example    | DOMAIN | DOMAIN | a.b.c.login.evil.example
            c2.test                     |        | DOMAIN | c2.test
            WWW.Google.CO.UK            |        | DOMAIN | www.google.co.uk
            faß.de                      |        | DOMAIN | xn--fa-hia.de
            Bücher.example              |        | DOMAIN | xn--bcher-kva.example
            пример.рф                   |        | DOMAIN | xn--e1afmkfd.xn--p1ai
            ПРИМЕР.РФ                   | DOMAIN | DOMAIN | xn--e1afmkfd.xn--p1ai
            xn--e1afmkfd.xn--p1ai       |        | DOMAIN | xn--e1afmkfd.xn--p1ai
            www.аррӏе.com               |        | DOMAIN | www.xn--80ak6aa92e.com
            ｅｖｉｌ．ｅｘａｍｐｌｅ      |        | DOMAIN | evil.example
            evil。example               |        | DOMAIN | evil.example
            bücher.example。            |        | DOMAIN | xn--bcher-kva.example
            a_b.evil.example            |        | DOMAIN | a_b.evil.example
            ab--cd.evil.example         |        | DOMAIN | ab--cd.evil.example
            foo.github.io               |        | DOMAIN | foo.github.io
            github.io                   |        | DOMAIN | github.io
            example.com                 |        | DOMAIN | example.com
            3com.com                    |        | DOMAIN | 3com.com
            """)
    void canonicalDomains(String raw, IndicatorType declared, IndicatorType type, String canonical) {
        assertCanonical(raw, declared, type, canonical);
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            evil.lan            |        | value | no_public_suffix   | 'evil.lan' does not end in a public suffix ('lan' is not on the Public Suffix List)
            corp.internal       | DOMAIN | value | no_public_suffix   | not a sharable indicator
            localhost           |        | value | no_public_suffix   | 'localhost' is a single label
            example             |        | value | no_public_suffix   | single label
            co.uk               |        | value | public_suffix_only | 'co.uk' is itself a public suffix
            com                 | DOMAIN | value | public_suffix_only | 'com' is a top-level domain
            evil..example       |        | value | invalid_domain     | has an empty label
            .evil.example       |        | value | invalid_domain     | has an empty label
            evil.example..      |        | value | invalid_domain     | has an empty label
            -evil.example       |        | value | invalid_domain     | the label '-evil' starts with a hyphen
            evil-.example       |        | value | invalid_domain     | the label 'evil-' ends with a hyphen
            _evil.example       |        | value | invalid_domain     | starts with an underscore
            evil!.example       |        | value | invalid_domain     | contains '!' (U+0021), which is not allowed in a domain name
            evil example        |        | value | invalid_domain     | contains U+0020
            *.evil.example      |        | value | invalid_domain     | is a wildcard
            xn--zz.example      |        | value | invalid_domain     | the label 'xn--zz' is not valid punycode
            ٣.com               |        | value | invalid_domain     | right-to-left
            evil.123            | DOMAIN | value | invalid_domain     | the top-level label '123' starts with a digit
            evil.example        | URL    | type  | type_mismatch      | declared url but 'evil.example' is a domain; declare domain, or write the url with its scheme (http://evil.example/)
            evil.example        | EMAIL  | type  | type_mismatch      | declared email but 'evil.example' is a domain
            evil.example        | IPV4   | type  | type_mismatch      | declared ipv4 but 'evil.example' is a domain
            """)
    void domainErrors(String raw, IndicatorType declared, String field, String code, String messagePart) {
        assertError(raw, declared, field, code, messagePart);
    }

    @Test
    void labelAndNameLengthsFollowRfc1035() {
        String label63 = "a".repeat(63);
        assertCanonical(label63 + ".evil.example", null, IndicatorType.DOMAIN, label63 + ".evil.example");
        assertError("a".repeat(64) + ".evil.example", null, "value", "invalid_domain",
                "is 64 characters long; the limit is 63 (RFC 1035)");

        String name258 = ("a".repeat(61) + ".").repeat(4) + "xy.example"; // 4 * 62 + 10 characters
        String fits = name258.substring(5); // 253 characters
        assertCanonical(fits, null, IndicatorType.DOMAIN, fits);
        assertError(name258, null, "value", "too_long", "the domain is 258 characters long; the limit is 253 (RFC 1035)");
    }

    @Test
    void aZeroWidthCharacterInsideIsRefusedNotSilentlyDropped() {
        assertError("ev\u200Bil.example", null, "value", "control_character", "U+200B at position 3");
    }
}
