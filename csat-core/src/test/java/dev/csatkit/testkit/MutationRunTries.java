package dev.csatkit.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Caps every property's tries when the system property {@value #MAX_TRIES} is set, as the
 * mutation profile does, and turns shrinking off there: a mutation run asks only whether some
 * test fails, thousands of times over, so it needs neither ten thousand tries nor the smallest
 * failing example. Without the system property nothing changes.
 *
 * <p>Registered for every property through {@code META-INF/services}.
 */
public final class MutationRunTries implements AroundPropertyHook {

    /** The system property that sets the cap. */
    public static final String MAX_TRIES = "csat.jqwik.maxTries";

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return true;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Integer cap = Integer.getInteger(MAX_TRIES);
        if (cap != null) {
            PropertyAttributes attributes = context.attributes();
            if (attributes.tries().map(t -> t > cap).orElse(true)) {
                attributes.setTries(cap);
            }
            attributes.setShrinking(ShrinkingMode.OFF);
            attributes.setAfterFailure(AfterFailureMode.RANDOM_SEED);
        }
        return property.execute();
    }
}
