package dev.csatkit.examples.channels;

import dev.csatkit.channel.SenderPool;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.ChannelProvider;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link ChannelProvider}s of the demo's adapters, registered in
 * {@code META-INF/services/dev.csatkit.channels.spi.ChannelProvider}. Settings are plain strings
 * so that they can come from any configuration file.
 */
public final class ReferenceProviders {

    private ReferenceProviders() {
    }

    static int intSetting(ChannelContext c, String name, int fallback) {
        String v = c.setting(name).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("settings." + name + " = \"" + v + "\": must be a whole number");
        }
    }

    /**
     * {@code console-sms}: settings {@code sender} (the default number, required),
     * {@code route.<calling code>} (comma-separated numbers) and {@code maxSegments} (default 3).
     * Writes to standard output.
     */
    public static final class ConsoleSms implements ChannelProvider {
        /** For {@link java.util.ServiceLoader}. */
        public ConsoleSms() {
        }

        @Override
        public String type() {
            return "console-sms";
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }

        @Override
        public Channel create(ChannelContext context) {
            SenderPool.Builder pool = SenderPool.builder().defaultSender(context.requireSetting("sender"));
            context.settings().forEach((name, value) -> {
                if (name.startsWith("route.")) {
                    pool.route(name.substring("route.".length()), value.split("\\s*,\\s*"));
                }
            });
            return new ConsoleSmsChannel(context, intSetting(context, "maxSegments", 3), pool.build(),
                    new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code scripted-ivr}: settings {@code line.number} (required) and {@code script.file} (an
     * {@link IvrScript} in text form; without it every call is answered with no input).
     */
    public static final class ScriptedIvrProvider implements ChannelProvider {
        /** For {@link java.util.ServiceLoader}. */
        public ScriptedIvrProvider() {
        }

        @Override
        public String type() {
            return "scripted-ivr";
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.VOICE_DTMF;
        }

        @Override
        public Channel create(ChannelContext context) {
            IvrScript script = new IvrScript();
            context.setting("script.file").ifPresent(file -> {
                try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                    script.read(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("settings.script.file = \"" + file + "\": cannot be read", e);
                }
            });
            return new ScriptedIvrChannel(context, context.requireSetting("line.number"), new ScriptedIvr(script));
        }
    }
}
