/**
 * Measuring what refinement does, the same way every time.
 *
 * <ul>
 *   <li>{@link org.simgan.eval.C2st}: realism by a two-sample classifier test. A fixed small CNN
 *       ({@link org.simgan.nn.TwoSampleClassifier}) is trained through the engine to tell real images from a
 *       candidate set; its held-out accuracy and ROC AUC (50% / 0.5 = indistinguishable) with 95% bootstrap
 *       intervals, over several seeded runs. Synthetic and refined sets are drawn image for image alike, against
 *       the same real draw.</li>
 *   <li>{@link org.simgan.eval.LabelPreservation}: a gaze estimator ({@link org.simgan.nn.GazeEstimator}, trained by
 *       {@link org.simgan.eval.GazeTraining}) learns on labelled synthetic images and is tested on held-out
 *       synthetic images and on their refined versions; the difference of mean angular errors is the label cost.
 *       Also the mean |R(x) - x| and the pupil centre shift ({@link org.simgan.eval.PupilCentre}).</li>
 *   <li>{@link org.simgan.eval.Evaluation} runs all of it for a refiner; {@link org.simgan.eval.ReportWriter} writes
 *       summary.txt / summary.csv, a montage, intensity histograms and the C2ST ROC curves.</li>
 *   <li>{@link org.simgan.eval.GazeModel} (a standalone ONNX gaze estimator) and
 *       {@link org.simgan.eval.GazePredictions} (predictions as slice labels, a CSV table, accuracy within 5/7/10
 *       degrees) serve {@code gaze train} / {@code gaze predict} and the plugin's results table.</li>
 * </ul>
 * Every long call takes a {@link org.simgan.progress.Listener} (log lines, progress, cancel) and returns a result
 * record; nothing here touches ImageJ.
 */
package org.simgan.eval;
