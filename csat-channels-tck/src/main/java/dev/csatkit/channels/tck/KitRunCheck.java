package dev.csatkit.channels.tck;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Fails an adapter's test class, once all its tests are done, when none of them ran to an
 * outcome: every check was aborted (an assumption in a hook, a provider that could not start)
 * or disabled. Such a class would otherwise pass having checked nothing.
 *
 * <p>Registered on {@link ChannelContractTest}, so every subclass has it. It cannot help when
 * JUnit 5 does not run at all: see {@link ChannelContractTest#testWithTheJUnitPlatform()}.
 */
final class KitRunCheck implements BeforeAllCallback, TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KitRunCheck.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put(context.getRequiredTestClass(), new AtomicInteger());
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        count(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        count(context);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        // Not a check that ran.
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // Not a check that ran.
    }

    private static void count(ExtensionContext context) {
        AtomicInteger ran = context.getStore(NS).get(context.getRequiredTestClass(), AtomicInteger.class);
        if (ran != null) {
            ran.incrementAndGet();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        AtomicInteger ran = context.getStore(NS).get(context.getRequiredTestClass(), AtomicInteger.class);
        if (ran != null && ran.get() == 0) {
            throw new AssertionError(context.getRequiredTestClass().getName() + " ran none of the channel kit's checks"
                    + " to an outcome: every one was aborted or disabled, so nothing about the adapter was checked."
                    + " Make the hooks work here (a provider that cannot start must fail, not abort), or do not"
                    + " extend ChannelContractTest in this build.");
        }
    }
}
