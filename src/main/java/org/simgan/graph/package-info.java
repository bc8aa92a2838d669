/**
 * An ONNX graph built in Java, and its gradients.
 *
 * <ul>
 *   <li>{@link org.simgan.graph.Graph}, {@link org.simgan.graph.Value}, {@link org.simgan.graph.Node}: the graph
 *       builder, which checks shapes as it goes and writes the graph as an ONNX model.</li>
 *   <li>{@link org.simgan.graph.Gradients}: one table of per-op gradient rules and the reverse walk that sums
 *       them; the convolution's input and weight gradients, lowered to the ops ONNX Runtime runs fastest, are in
 *       {@code ConvGradients}.</li>
 * </ul>
 * Running graphs, and rewriting them for an execution provider, is {@link org.simgan.runtime}'s.
 */
package org.simgan.graph;
