package org.simgan.runtime;

/** A loss became NaN or infinite; the step that produced it was not applied. */
public final class NonFiniteException extends EngineException {
    private final String tensor;

    public NonFiniteException(String tensor, float value) {
        super("the loss '" + tensor + "' became " + value + "; this step was not applied and the parameters keep their "
                + "last finite values (lower the learning rate, or check the input images for NaN or extreme values)");
        this.tensor = tensor;
    }

    public String tensor() {
        return tensor;
    }
}
