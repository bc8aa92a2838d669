package org.simgan.runtime;

/** A failure to build or run a graph, with a message that names the tensor or setting at fault. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
