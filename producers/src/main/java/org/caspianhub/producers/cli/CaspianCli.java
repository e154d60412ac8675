package org.caspianhub.producers.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code caspian}: the command line for analysts and scripts, talking to the gateway.
 * <pre>
 *   caspian submit 203.0.113.7 --tlp green --tag c2
 *   caspian import blocklist.txt --tlp clear
 *   caspian revoke 203.0.113.7 --reason sinkholed
 *   caspian status 6f1c...
 *   caspian lookup 203.0.113.7 'hxxp://evil[.]example/x'     (or values on standard input)
 *   caspian export text --active --min-score 70 --tlp green -o blocklist.txt
 * </pre>
 * The API key comes from {@code --api-key} or {@code CASPIAN_API_KEY}, the gateway from
 * {@code --url} or {@code CASPIAN_GATEWAY_URL} (default http://localhost:8080). Exit codes are
 * in {@link ExitCodes}.
 */
@Command(name = "caspian", mixinStandardHelpOptions = true, version = "caspian 0.1.0",
        description = "Submit, import, revoke, look up and export indicators through the Caspian Hub gateway.",
        subcommands = {SubmitCommand.class, ImportCommand.class, RevokeCommand.class, StatusCommand.class,
                LookupCommand.class, ExportCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:accepted (status: accepted; lookup: every value known; export: written or unchanged)",
                "1:some items refused, or the pipeline rejected the submission (lookup: some values unreadable)",
                "2:usage error",
                "3:API key missing or invalid, or its role may not do this",
                "4:request refused as a whole (nothing written)",
                "5:submission unknown (lookup: some values not known to your party)",
                "6:gateway unreachable or failing: retry"})
public final class CaspianCli implements Runnable {

    private final Map<String, String> environment;
    private final InputStream stdin;

    public CaspianCli(Map<String, String> environment) {
        this(environment, System.in);
    }

    CaspianCli(Map<String, String> environment, InputStream stdin) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Where {@code lookup} reads values when none are given. */
    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: submit, import, revoke, status, lookup or export");
    }

    /** Runs one command line; returns its exit code (see {@link ExitCodes}). */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return run(args, environment, System.in, out, err);
    }

    /** The same, reading standard input from {@code stdin}. */
    public static int run(String[] args, Map<String, String> environment, InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new CaspianCli(environment, stdin));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("caspian: " + e.getMessage());
            return e instanceof MissingApiKeyException ? ExitCodes.AUTH : ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }
}
