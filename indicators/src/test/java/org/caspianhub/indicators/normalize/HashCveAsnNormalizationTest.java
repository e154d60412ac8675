package org.caspianhub.indicators.normalize;

import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertCanonical;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertError;

import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashCveAsnNormalizationTest {

    private static final String SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String SHA512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

    @ParameterizedTest(name = "{0} as {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            D41D8CD98F00B204E9800998ECF8427E           |        | MD5    | d41d8cd98f00b204e9800998ecf8427e
            d41d8cd98f00b204e9800998ecf8427e           | MD5    | MD5    | d41d8cd98f00b204e9800998ecf8427e
            da39a3ee5e6b4b0d3255bfef95601890afd80709   |        | SHA1   | da39a3ee5e6b4b0d3255bfef95601890afd80709
            DA39A3EE5E6B4B0D3255BFEF95601890AFD80709   | SHA1   | SHA1   | da39a3ee5e6b4b0d3255bfef95601890afd80709
            12345678901234567890123456789012           |        | MD5    | 12345678901234567890123456789012
            cve-2021-44228                             |        | CVE    | CVE-2021-44228
            CVE-2014-0160                              | CVE    | CVE    | CVE-2014-0160
            CVE‑2021‑44228                             |        | CVE    | CVE-2021-44228
            Cve–2021–44228                             |        | CVE    | CVE-2021-44228
            CVE-2021-1234567                           |        | CVE    | CVE-2021-1234567
            CVE-1999-0001                              |        | CVE    | CVE-1999-0001
            AS64500                                    |        | ASN    | AS64500
            as64500                                    |        | ASN    | AS64500
            ASN64500                                   |        | ASN    | AS64500
            ASN 64500                                  |        | ASN    | AS64500
            AS 64500                                   | ASN    | ASN    | AS64500
            AS064500                                   |        | ASN    | AS64500
            64500                                      | ASN    | ASN    | AS64500
            AS1.10                                     |        | ASN    | AS65546
            AS4294967295                               |        | ASN    | AS4294967295
            """)
    void canonicalHashesCvesAndAsns(String raw, IndicatorType declared, IndicatorType type, String canonical) {
        assertCanonical(raw, declared, type, canonical);
    }

    @Test
    void sha256AndSha512AreDetectedByLength() {
        assertCanonical(SHA256.toUpperCase(), null, IndicatorType.SHA256, SHA256);
        assertCanonical(SHA512, null, IndicatorType.SHA512, SHA512);
        assertCanonical(SHA512.toUpperCase(), IndicatorType.SHA512, IndicatorType.SHA512, SHA512);
    }

    @Test
    void aDeclaredHashOfTheWrongLengthSaysTheExpectedAndActualLength() {
        assertError(SHA256.substring(1), IndicatorType.SHA256, "value", "invalid_sha256",
                "sha256 must be 64 hex characters, got 63");
        assertError(SHA256 + "0", IndicatorType.SHA256, "value", "invalid_sha256", "sha256 must be 64 hex characters, got 65");
        assertError("d41d8cd98f00b204e9800998ecf8427", IndicatorType.MD5, "value", "invalid_md5",
                "md5 must be 32 hex characters, got 31");
        assertError(SHA512.substring(2), IndicatorType.SHA512, "value", "invalid_sha512",
                "sha512 must be 128 hex characters, got 126");
    }

    @Test
    void aDeclaredHashWithANonHexCharacterNamesIt() {
        assertError("g41d8cd98f00b204e9800998ecf8427e", IndicatorType.MD5, "value", "invalid_md5",
                "md5 must be hexadecimal; 'g' (U+0067) at position 1 is not a hex digit");
    }

    @Test
    void aDeclaredHashThatIsAnotherHashSaysWhichItIs() {
        assertError(SHA256, IndicatorType.MD5, "type", "type_mismatch",
                "declared md5 but '" + SHA256 + "' is a sha256 hash (64 hex characters)");
        assertError("d41d8cd98f00b204e9800998ecf8427e", IndicatorType.SHA1, "type", "type_mismatch",
                "is an md5 hash (32 hex characters); declare md5 or leave the type out");
    }

    @Test
    void anUndeclaredHexStringOfNoDigestLengthIsUnrecognizedWithTheLengths() {
        assertError(SHA256.substring(1), null, "value", "unrecognized",
                "looks like a hash but has 63 hex characters; md5 has 32, sha1 40, sha256 64, sha512 128");
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cve-99-1234         |     | value | invalid_cve  | the year '99' of 'cve-99-1234' is not 4 digits
            CVE-1998-1234       |     | value | invalid_cve  | the year 1998 is before 1999
            CVE-2021-123        |     | value | invalid_cve  | the number '123' of 'CVE-2021-123' must have 4 to 19 digits
            CVE-2021-044228     |     | value | invalid_cve  | has a leading zero; only 4-digit CVE numbers are zero-padded
            CVE-2021-44228x     |     | value | invalid_cve  | has 'x' (U+0078) where the number should end
            CVE 2021 44228      |     | value | invalid_cve  | has no dash after CVE
            CVE2021-44228       |     | value | invalid_cve  | has no dash after CVE
            log4shell           | CVE | value | invalid_cve  | does not start with CVE
            AS0                 |     | value | invalid_asn  | AS0 is reserved (RFC 7607)
            AS4294967296        |     | value | invalid_asn  | AS4294967296 is out of range; an asn is 1 to 4294967295
            AS70000.1           |     | value | invalid_asn  | is not valid asdot: each half is 0-65535
            ASN abc             | ASN | value | invalid_asn  | 'ASN abc' is not a number
            AS                  | ASN | value | invalid_asn  | 'AS' has no number
            64500               |     | value | unrecognized | '64500' is a bare number, which is ambiguous; write AS64500 or declare type asn
            """)
    void cveAndAsnErrors(String raw, IndicatorType declared, String field, String code, String messagePart) {
        assertError(raw, declared, field, code, messagePart);
    }
}
