package org.caspianhub.indicators.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertCanonical;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.assertError;
import static org.caspianhub.indicators.normalize.NormalizerAssertions.valid;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Random;
import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormalizationTest {

    @ParameterizedTest(name = "{0} as {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            203.0.113.7                             |      | IPV4 | 203.0.113.7
            203.0.113[.]7                           |      | IPV4 | 203.0.113.7
            203[.]0[.]113[.]7                       | IPV4 | IPV4 | 203.0.113.7
            0.0.0.0                                 |      | IPV4 | 0.0.0.0
            255.255.255.255                         | IPV4 | IPV4 | 255.255.255.255
            2001:0DB8:0000:0000:0000:0000:0000:0001 |      | IPV6 | 2001:db8::1
            2001:db8:0:0:1:0:0:1                    |      | IPV6 | 2001:db8::1:0:0:1
            2001:db8:0:1:1:1:1:1                    | IPV6 | IPV6 | 2001:db8:0:1:1:1:1:1
            2001:DB8::AB                            |      | IPV6 | 2001:db8::ab
            2001:db8:0:0:0:0:2:1                    |      | IPV6 | 2001:db8::2:1
            [2001:db8::1]                           |      | IPV6 | 2001:db8::1
            2001[:]db8[:][:]1                       |      | IPV6 | 2001:db8::1
            ::ffff:192.0.2.1                        |      | IPV6 | ::ffff:192.0.2.1
            ::FFFF:c000:0201                        | IPV6 | IPV6 | ::ffff:192.0.2.1
            ::1                                     |      | IPV6 | ::1
            203.0.113.0/24                          |      | CIDR | 203.0.113.0/24
            203.0.113[.]0/24                        | CIDR | CIDR | 203.0.113.0/24
            203.0.113.7/32                          | CIDR | CIDR | 203.0.113.7/32
            203.0.113.7/32                          |      | CIDR | 203.0.113.7/32
            10.0.0.0/8                              | CIDR | CIDR | 10.0.0.0/8
            2001:DB8::/32                           |      | CIDR | 2001:db8::/32
            2001:db8:0:0:0:0:0:0/48                 | CIDR | CIDR | 2001:db8::/48
            2001:db8::1/128                         | CIDR | CIDR | 2001:db8::1/128
            [2001:db8::]/32                         | CIDR | CIDR | 2001:db8::/32
            """)
    void canonicalAddressesAndPrefixes(String raw, IndicatorType declared, IndicatorType type, String canonical) {
        assertCanonical(raw, declared, type, canonical);
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            010.1.2.3          |      | value | ambiguous_ipv4     | leading zero in '010': some systems read it as octal (8)
            192.168.001.001    | IPV4 | value | ambiguous_ipv4     | leading zero in '001'
            256.1.1.1          |      | value | invalid_ipv4       | 256 is out of range (each part is 0-255)
            1.2.3              |      | value | invalid_ipv4       | it has 3 dot-separated parts, an ipv4 address has 4
            1.2.3.4.5          | IPV4 | value | invalid_ipv4       | it has 5 dot-separated parts
            1..2.3             | IPV4 | value | invalid_ipv4       | empty part
            1.2.3.x            | IPV4 | value | invalid_ipv4       | 'x' is not a decimal number
            2001:db8::g        |      | value | invalid_ipv6       | is not a valid ipv6 address
            2001:db8::1::2     | IPV6 | value | invalid_ipv6       | is not a valid ipv6 address
            fe80::1%eth0       |      | value | invalid_ipv6       | the zone '%eth0' only means something on one host
            [2001:db8::1]:443  |      | value | invalid_ipv6       | has ':443' after the address (a port?); submit the address alone
            203.0.113.7:8080   |      | value | url_missing_scheme | '203.0.113.7:8080' is a host and port without a scheme; submit the host alone
            10.1.2.3/8         |      | value | cidr_host_bits_set | has host bits set after the first 8 bits; the network is 10.0.0.0/8
            2001:db8::1/32     | CIDR | value | cidr_host_bits_set | the network is 2001:db8::/32
            1.2.3.0/33         |      | value | invalid_cidr       | the prefix length /33 is out of range for ipv4 (0-32)
            2001:db8::/129     |      | value | invalid_cidr       | out of range for ipv6 (0-128)
            1.2.3.0/08         | CIDR | value | invalid_cidr       | the prefix length '08' is not a number
            0.0.0.0/0          |      | value | cidr_too_broad     | is wider than /8, the widest ipv4 prefix the hub shares
            2000::/3           |      | value | cidr_too_broad     | is wider than /16
            010.0.0.0/8        | CIDR | value | ambiguous_ipv4     | leading zero
            10.0.0.0/8         | IPV4 | type  | type_mismatch      | declared ipv4 but '10.0.0.0/8' is a cidr prefix, not a single address; declare cidr
            2001:db8::/32      | IPV6 | type  | type_mismatch      | not a single address; declare cidr
            203.0.113.7        | CIDR | type  | type_mismatch      | declare ipv4, or write it as a cidr (203.0.113.7/32)
            2001:db8::1        | CIDR | type  | type_mismatch      | (2001:db8::1/128)
            2001:db8::1        | IPV4 | type  | type_mismatch      | declared ipv4 but '2001:db8::1' is an ipv6 address
            203.0.113.7        | IPV6 | type  | type_mismatch      | declared ipv6 but '203.0.113.7' is an ipv4 address
            203.0.113.0        | CIDR | type  | type_mismatch      | declared cidr
            1.2.3.4            | DOMAIN | type | type_mismatch     | declared domain but '1.2.3.4' is an ipv4 address
            """)
    void addressErrors(String raw, IndicatorType declared, String field, String code, String messagePart) {
        assertError(raw, declared, field, code, messagePart);
    }

    @Test
    void aCidrWithoutPrefixLengthSaysHowToWriteIt() {
        // "foo" is no address, so there is no other type to point at: the cidr rule itself answers
        assertError("foo", IndicatorType.CIDR, "value", "cidr_missing_prefix", "a cidr needs a prefix length, e.g. 'foo/32'");
    }

    /** Guava's InetAddresses.toAddrString implements RFC 5952 independently of the IPAddress library. */
    @Test
    void randomIpv6AddressesInAnySpellingGetTheRfc5952Form() throws Exception {
        Random random = new Random(5952);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            // runs of zero groups, as real addresses have, so that compression is exercised
            int zeroFrom = random.nextInt(8);
            int zeroTo = zeroFrom + random.nextInt(8 - zeroFrom);
            for (int g = zeroFrom; g < zeroTo; g++) {
                bytes[2 * g] = 0;
                bytes[2 * g + 1] = 0;
            }
            bytes[0] = (byte) 0x20; // keep out of ::ffff:0:0/96, which is written in mixed notation
            InetAddress address = InetAddress.getByAddress(bytes);
            String expected = InetAddresses.toAddrString(address);
            StringBuilder fullUpper = new StringBuilder();
            for (int g = 0; g < 8; g++) {
                fullUpper.append(g == 0 ? "" : ":").append(String.format("%02X%02X", bytes[2 * g], bytes[2 * g + 1]));
            }
            assertCanonical(fullUpper.toString(), null, IndicatorType.IPV6, expected);
        }
    }

    @Test
    void randomIpv4AddressesAreTheirOwnCanonicalForm() {
        Random random = new Random(791);
        for (int i = 0; i < 2_000; i++) {
            String address = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            assertCanonical(address, null, IndicatorType.IPV4, address);
        }
    }

    @Test
    void theKeyNamesTheTypeInLowerCase() {
        assertThat(valid("203.0.113.7", null).key()).isEqualTo("ipv4:203.0.113.7");
        assertThat(valid("2001:DB8::1", null).key()).isEqualTo("ipv6:2001:db8::1");
        assertThat(valid("203.0.113.0/24", null).key()).isEqualTo("cidr:203.0.113.0/24");
    }
}
