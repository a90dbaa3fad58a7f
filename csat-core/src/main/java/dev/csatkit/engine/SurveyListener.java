package dev.csatkit.engine;

/**
 * Receives the engine's {@link SurveyEvent}s, on the thread that caused them. A listener that
 * throws is logged and skipped; it never breaks the engine or the other listeners.
 */
@FunctionalInterface
public interface SurveyListener {

    /**
     * @param event what happened
     */
    void on(SurveyEvent event);
}
