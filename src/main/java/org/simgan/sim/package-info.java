/**
 * The built-in eye simulator: labelled grayscale eye images (default 55x35) with exact gaze labels, so the project
 * runs and is tested without downloads.
 *
 * <ul>
 *   <li>{@link org.simgan.sim.EyeRenderer#render} draws one eye for a {@link org.simgan.data.Gaze} and an
 *       {@link org.simgan.sim.Appearance}, returning a {@link org.simgan.sim.RenderedEye} (pixels, look vector,
 *       pitch/yaw, pupil centre in pixels, the appearance used).</li>
 *   <li>{@link org.simgan.sim.EyeSimulator} draws numbered random eyes from a seed, image {@code i} from its own
 *       generator, so batches are byte-identical however many threads render them.</li>
 *   <li>{@link org.simgan.sim.Style#CAMERA_STANDIN} adds camera-style degradation (noise, defocus, uneven light,
 *       gamma, histogram equalisation): a stand-in for real captures, never real data.</li>
 * </ul>
 * The command line front end is {@code java -jar simgan.jar render} ({@link org.simgan.cli.RenderCommand}).
 */
package org.simgan.sim;
