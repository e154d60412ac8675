package org.caspianhub.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code caspian lookup VALUE...} (or values on standard input, one a line): what the hub knows of
 * each, as the key's party may see it, through {@code POST /api/v1/lookups} in batches. A table by
 * default; {@code --json} prints the gateway's results, every batch's in one array.
 * Exit 0 when every value is known, 5 when some are not (unknown and not visible to you are the
 * same answer), 1 when some could not be read as an indicator.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Look indicators up: what the hub knows of each, as your party may see it.")
final class LookupCommand implements Callable<Integer> {

    /** The gateway takes up to 10,000 values a request; smaller batches start printing sooner. */
    static final int DEFAULT_BATCH = 1_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParentCommand
    CaspianCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    @Parameters(arity = "0..*", paramLabel = "VALUE",
            description = "values in any form the gateway takes (defanged, upper case...); none or '-' reads standard input")
    List<String> values;

    @Option(names = "--batch", description = "values per request (1 to 10000, default ${DEFAULT-VALUE})", defaultValue = "1000")
    int batch;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batch < 1 || batch > 10_000) {
            err.println("caspian: --batch must be from 1 to 10000");
            err.flush();
            return ExitCodes.USAGE;
        }
        List<String> inputs = values == null || values.isEmpty() || values.equals(List.of("-")) ? readStdin() : values;
        if (inputs.isEmpty()) {
            err.println("caspian: give values to look up, as arguments or one a line on standard input");
            err.flush();
            return ExitCodes.USAGE;
        }
        GatewayClient client = gateway.client(parent.environment());
        ArrayNode all = MAPPER.createArrayNode();
        LookupTable table = new LookupTable(out);
        if (!gateway.json) {
            table.header();
        }
        try {
            for (int from = 0; from < inputs.size(); from += batch) {
                List<String> chunk = inputs.subList(from, Math.min(inputs.size(), from + batch));
                GatewayClient.Answer answer = client.postJson("/api/v1/lookups", Map.of("values", chunk), null);
                if (answer.status() != 200) {
                    out.flush();
                    return Output.refusal(err, answer);
                }
                for (JsonNode result : answer.body().path("results")) {
                    if (gateway.json) {
                        all.add(result);
                    } else {
                        table.row(result);
                    }
                    table.count(result);
                }
            }
        } catch (GatewayClient.Unreachable e) {
            out.flush();
            return Output.unreachable(err, e);
        }
        if (gateway.json) {
            ObjectNode body = MAPPER.createObjectNode();
            body.set("results", all);
            out.println(body.toPrettyString());
        }
        out.flush();
        if (table.invalid() > 0) {
            return ExitCodes.PARTIAL;
        }
        return table.unknown() > 0 ? ExitCodes.NOT_FOUND : ExitCodes.OK;
    }

    private List<String> readStdin() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String v = line.trim();
            if (!v.isEmpty() && !v.startsWith("#")) {
                lines.add(v);
            }
        }
        return lines;
    }
}
