package org.caspianhub.producers.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code caspian submit VALUE...}: one indicator, or several with the same options (one batch). */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit indicators (one batch).")
final class SubmitCommand implements Callable<Integer> {

    @ParentCommand
    CaspianCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    @Parameters(arity = "1..*", paramLabel = "VALUE", description = "the value(s), possibly defanged")
    List<String> values;

    @Option(names = "--type", description = "ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256, sha512, cve, asn (detected when absent)")
    String type;

    @Option(names = "--tlp", description = "clear, green, amber, amber+strict, red (default: the gateway's, amber)")
    String tlp;

    @Option(names = "--confidence", description = "0 to 100")
    Integer confidence;

    @Option(names = "--severity", description = "info, low, medium, high, critical")
    String severity;

    @Option(names = "--tag", description = "a tag (repeatable)")
    List<String> tags;

    @Option(names = "--reference", description = "an incident or campaign reference, e.g. incident:IR-2026-0042 (repeatable)")
    List<String> references;

    @Option(names = "--description")
    String description;

    @Option(names = "--valid-until", description = "ISO-8601 timestamp")
    String validUntil;

    @Option(names = "--idempotency-key", description = "makes a retry of this command safe")
    String idempotencyKey;

    @Override
    public Integer call() {
        List<Map<String, Object>> items = values.stream().map(this::item).toList();
        Object body = items.size() == 1 ? items.get(0) : Map.of("items", items);
        try {
            GatewayClient.Answer answer = gateway.client(parent.environment()).postJson("/api/v1/indicators", body, idempotencyKey);
            if (gateway.json) {
                Output.json(spec.commandLine().getOut(), answer);
                return answer.status() == 202 && answer.body().path("refused").asInt() > 0 ? ExitCodes.PARTIAL
                        : ExitCodes.forStatus(answer.status());
            }
            return Output.batch(spec.commandLine().getOut(), spec.commandLine().getErr(), answer, "indicator");
        } catch (GatewayClient.Unreachable e) {
            return Output.unreachable(spec.commandLine().getErr(), e);
        }
    }

    private Map<String, Object> item(String value) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("value", value);
        put(item, "type", type);
        put(item, "tlp", tlp);
        put(item, "confidence", confidence);
        put(item, "severity", severity);
        put(item, "tags", tags);
        put(item, "references", references);
        put(item, "description", description);
        put(item, "validUntil", validUntil);
        return item;
    }

    static void put(Map<String, Object> item, String name, Object value) {
        if (value != null) {
            item.put(name, value);
        }
    }
}
