package org.caspianhub.hub;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code caspian-hub} command: the whole hub on one machine ({@code local}), each service on
 * its own for a deployment, and the admin step. Every service reads its settings from the
 * environment (see README, Configuration).
 */
@Command(name = "caspian-hub", mixinStandardHelpOptions = true, version = "caspian-hub 0.1.0",
        description = "Caspian Hub: threat-intelligence sharing between national CERTs.",
        subcommands = {
            LocalCommand.class,
            ServiceCommand.Streams.class,
            ServiceCommand.Gateway.class,
            ServiceCommand.Feeds.class,
            ServiceCommand.Dispatcher.class,
            ServiceCommand.Taxii.class,
            ServiceCommand.Registry.class,
            AdminCommand.class,
            SettingsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CaspianHub implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // exit explicitly: a failed start must not leave Kafka's non-daemon threads holding the JVM
        System.exit(new CommandLine(new CaspianHub()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
