/**
 * Reading and writing eye images and their gaze labels. Everything goes through {@link DatasetIo}:
 * {@code DatasetIo.read(path, options)} picks the format from the path, and {@code DatasetIo.write(dataset, path)}
 * from the extension. Inputs are only ever read; every write goes to a temporary file in the target's folder that
 * then replaces the target by a rename, so a failed or interrupted write leaves the old file intact.
 *
 * <h2>Label format</h2>
 * Every image has a name and, when known, a gaze, carried in ImageJ slice labels: the first line is the image name,
 * the second holds the gaze as a unit look vector in camera coordinates (as in UnityEyes: x to the image's right,
 * y up, z away from the camera), for example
 * <pre>
 * 00042
 * gaze=0.3404,0.3879,-0.8566
 * </pre>
 * An image without a gaze has only the name line. Pitch (up) and yaw (to the right) are derived from the vector
 * where they are shown.
 *
 * <h2>Formats</h2>
 * <ul>
 * <li><b>HDF5</b> ({@code .h5}, {@code .hdf5}; read with jhdf). Either a group holding one (height, width) dataset
 * per image, ordered by dataset name (the Kaggle "eye-gaze" layout of {@code gaze.h5} and {@code real_gaze.h5}),
 * or one (N, height, width) dataset. The images are at {@code image} unless another path is named. Pixel types:
 * 8-bit and 16-bit integers, 32/64-bit floats. Gaze labels come from an (N, 3) or (N, 4) dataset of look vectors,
 * {@code look_vec} when present (another path can be named). A range of images can be read, or the file streamed
 * in batches, without reading the rest. Files are written as the images come, in bounded memory
 * ({@link Hdf5Writer}): one (N, height, width) dataset {@code image} (uint8, uint16 or float32), {@code look_vec}
 * (N, 3) float32 when every image has a gaze, and {@code name} (strings) when the image names are not their
 * indices.</li>
 * <li><b>TIFF stacks</b> ({@code .tif}, {@code .tiff}; ImageJ's reader and writer): one slice per image, labels in
 * the slice labels. 8-bit, 16-bit and 32-bit grayscale; RGB is refused. ImageJ images convert to and from datasets
 * with {@link ImageStacks} without changing the source image.</li>
 * <li><b>Folders of PNG/TIFF images</b>: one image per file, ordered by file name (numbers by value, so
 * {@code 2.png} comes before {@code 10.png}); the file name becomes the image name.</li>
 * <li><b>UnityEyes folders</b> ({@code N.jpg} with {@code N.json}): the gaze is {@code eye_details.look_vec}; the
 * eye is cropped around {@code interior_margin_2d} (whose y is measured from the bottom of the render) with the
 * 55:35 aspect and a margin, then resized to 55x35 8-bit grayscale.</li>
 * <li><b>CSV gaze labels</b>, for any of the above: a header row, then one row per image in image order; either one
 * column {@code look_vec}/{@code gaze} holding "(x, y, z)", three columns {@code x,y,z} (or {@code look_x..},
 * {@code gaze_x..}), or {@code pitch,yaw} in degrees ({@code pitch_rad,yaw_rad} in radians). See
 * {@link CsvGazeLabels}.</li>
 * </ul>
 *
 * <h2>Checks</h2>
 * SimGAN works on 35x55 (height x width) images with intensities of the source's bit depth (8-bit 0..255, 16-bit
 * 0..65535, float 0..1). When a size is required, images of another size are an error unless resizing is asked
 * for explicitly ({@link Interpolation#BILINEAR} or {@link Interpolation#AREA}). A label count that differs from the
 * image count, a missing gaze where labels are required, RGB or unsupported pixel types, HDF5 files without the
 * named dataset (the message lists what the file has), and missing, unreadable or damaged files all stop with a
 * {@link DataInputException} whose message says what is wrong and how to fix it.
 */
package org.simgan.data.io;
