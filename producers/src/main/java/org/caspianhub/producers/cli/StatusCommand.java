package org.caspianhub.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code caspian status ID}: accepted (0), rejected with reasons (1) or unknown (5). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show what became of a submission.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    CaspianCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    @Parameters(paramLabel = "SUBMISSION_ID")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            GatewayClient.Answer answer = gateway.client(parent.environment())
                    .get("/api/v1/submissions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
            JsonNode body = answer.body();
            if (answer.status() != 200 && answer.status() != 404) {
                return Output.refusal(spec.commandLine().getErr(), answer);
            }
            String status = body.path("status").asText("unknown");
            if (gateway.json) {
                Output.json(out, answer);
            } else {
                out.println(id + ": " + status + (body.has("value") ? " (" + body.path("value").asText() + ")" : ""));
                if (body.has("stored")) {
                    out.println("  stored as " + body.path("stored").path("type").asText() + " "
                            + body.path("stored").path("value").asText());
                }
                for (JsonNode list : body.path("warninglists")) {
                    out.println("  on the warninglist '" + list.path("name").asText() + "': kept, never alerted");
                }
                for (JsonNode reason : body.path("reasons")) {
                    out.println("  " + reason.path("field").asText() + ": " + reason.path("message").asText()
                            + " [" + reason.path("code").asText() + "]");
                }
                out.flush();
            }
            return switch (status) {
                case "accepted" -> ExitCodes.OK;
                case "rejected" -> ExitCodes.PARTIAL;
                default -> ExitCodes.NOT_FOUND;
            };
        } catch (GatewayClient.Unreachable e) {
            return Output.unreachable(spec.commandLine().getErr(), e);
        }
    }
}
