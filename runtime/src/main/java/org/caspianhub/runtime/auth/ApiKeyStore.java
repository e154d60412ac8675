package org.caspianhub.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;

/**
 * Bearer API keys, each bound to one party and one role, stored as SHA-256 hashes so the
 * configuration never holds a usable key. The file is a JSON array:
 * <pre>
 * [{"name": "ir-analyst-1", "party": "ir", "role": "analyst", "sha256": "9f86d0..."}]
 * </pre>
 * Hash a new key with {@code printf %s "$KEY" | sha256sum}.
 */
public final class ApiKeyStore {

    private final Map<String, Principal> principalsByHash;

    private ApiKeyStore(Map<String, Principal> principalsByHash) {
        this.principalsByHash = Map.copyOf(principalsByHash);
    }

    /** Reads the key file, checking each entry's party against the configured ones. */
    public static ApiKeyStore load(Path file, Parties parties) {
        JsonNode entries;
        try {
            entries = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read API key file " + file, e);
        }
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException("API key file " + file + " must hold a JSON array of keys");
        }
        Map<String, Principal> byHash = new HashMap<>();
        int index = 0;
        for (JsonNode entry : entries) {
            String where = "API key file " + file + ", entry " + index++;
            String name = required(entry, "name", where);
            PartyId party = PartyId.of(required(entry, "party", where));
            if (!parties.contains(party)) {
                throw new IllegalArgumentException(where + " ('" + name + "'): party '" + party + "' is not configured");
            }
            String hash = required(entry, "sha256", where).toLowerCase(java.util.Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(where + " ('" + name + "'): sha256 must be 64 hex characters");
            }
            Principal previous = byHash.put(hash, new Principal(name, party, Role.parse(required(entry, "role", where))));
            if (previous != null) {
                // one key for two entries would authenticate as whichever came last: refuse the ambiguity
                throw new IllegalArgumentException(where + " ('" + name + "'): the same key hash as '" + previous.name()
                        + "'; every key must be distinct");
            }
        }
        return new ApiKeyStore(byHash);
    }

    /** Keys given in full (the demo keys of a local run, tests). */
    public static ApiKeyStore of(Map<String, Principal> principalsByKey) {
        Map<String, Principal> byHash = new HashMap<>();
        principalsByKey.forEach((key, principal) -> byHash.put(sha256(key), principal));
        return new ApiKeyStore(byHash);
    }

    /**
     * Well-known demo keys for a local run, one per party and role, e.g. {@code demo-ir-analyst}.
     * For local use only: anyone can guess them.
     */
    public static Map<String, Principal> demoKeys(Parties parties) {
        Map<String, Principal> keys = new LinkedHashMap<>();
        for (PartyId party : parties.all()) {
            for (Role role : Role.values()) {
                String key = "demo-" + party.value() + "-" + role.id();
                keys.put(key, new Principal(key, party, role));
            }
        }
        return keys;
    }

    /** The principal of a presented key, if it is one of ours. */
    public Optional<Principal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(principalsByHash.get(sha256(presentedKey.trim())));
    }

    public List<Principal> principals() {
        return new ArrayList<>(principalsByHash.values());
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String required(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is missing");
        }
        return value.asText();
    }
}
