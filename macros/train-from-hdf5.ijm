// Train a SimGAN refiner from two HDF5 files (the Kaggle "eye-gaze" layout: group "image", dataset "look_vec").
// Copy this macro and set the three paths below, or pass them as the macro argument, for example
//   ImageJ-linux64 --headless -batch train-from-hdf5.ijm "synthetic=[/data/synthetic.h5] real=[/data/real.h5] output=[/data/run1]"
// "settings" takes any training option of Plugins > SimGAN > Train SimGAN (batch=32 iterations=10000 lambda=0.01 ...);
// left out, the recommended defaults are used (docs/imagej.md lists them and the paper's values). The macro waits for the end of training; the trained refiner is then
// loaded, and saved as refiner.onnx in the output folder.
args = getArgument();
synthetic = call("ij.Macro.getValue", args, "synthetic", "synthetic.h5");
real = call("ij.Macro.getValue", args, "real", "real.h5");
output = call("ij.Macro.getValue", args, "output", "simgan-run");
settings = call("ij.Macro.getValue", args, "settings", "");

setBatchMode(true);
run("Train SimGAN", "synthetic=[" + synthetic + "] real=[" + real + "] output=[" + output + "] " + settings);
model = output + File.separator + "refiner.onnx";
if (!File.exists(model)) exit("training wrote no refiner: see the Log window");
print("trained refiner: " + model);
