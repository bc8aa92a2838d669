/**
 * Running graphs on ONNX Runtime.
 *
 * <ul>
 *   <li>{@link org.simgan.runtime.Engine}: the environment, sessions on a chosen device and thread count, and the
 *       model run for a graph.</li>
 *   <li>{@link org.simgan.runtime.NchwcLayout}: the rewrite of a finished graph for the CPU provider's blocked
 *       convolution kernels, which {@code Engine} applies where the CPU has them (exported models stay standard
 *       ONNX).</li>
 *   <li>{@link org.simgan.runtime.TensorStore}: parameters and optimizer state kept inside ONNX Runtime between
 *       steps; {@link org.simgan.runtime.GraphSession}: a graph's session, where an output named {@code X.next}
 *       replaces {@code X}.</li>
 * </ul>
 */
package org.simgan.runtime;
