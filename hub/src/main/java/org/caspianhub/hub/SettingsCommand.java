package org.caspianhub.hub;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caspianhub.runtime.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caspian-hub settings}: every setting with its default, allowed values and meaning, as Markdown tables. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = {"Prints every setting the hub reads (environment variable CASPIAN_X_Y or system property",
            "caspian.x.y): default, allowed values and meaning, as Markdown tables, one per group."})
final class SettingsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "GROUP",
            description = "only this group: platform, api-keys, broker, registry, streams, gateway, feeds, dispatcher, taxii, cli")
    String group;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        Map<String, List<Setting<?>>> groups = SettingsCatalogue.groups();
        if (group != null && !groups.containsKey(group)) {
            System.err.println("caspian-hub: no settings group '" + group + "'; the groups are " + groups.keySet());
            return 2;
        }
        boolean first = true;
        for (Map.Entry<String, List<Setting<?>>> entry : groups.entrySet()) {
            if (group != null && !group.equals(entry.getKey())) {
                continue;
            }
            if (!first) {
                out.println();
            }
            first = false;
            out.println("## " + entry.getKey());
            out.println();
            SettingsCatalogue.markdown(entry.getValue()).forEach(out::println);
        }
        return 0;
    }
}
