// Refine every TIFF, PNG and HDF5 file of a folder into an output folder, without windows. For a display-free run:
//   Fiji:     ImageJ-linux64 --headless -batch refine-folder-headless.ijm "input=[/data/in] output=[/data/out] model=[/data/run1/refiner.onnx]"
//   ImageJ:   xvfb-run -a imagej -b refine-folder-headless.ijm "input=[...] output=[...] model=[...]"
// A file that cannot be refined gets a "FAILED" line in the Log and the others go on; the last line sums up.
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
model = call("ij.Macro.getValue", args, "model", "refiner.onnx");
if (input == "" || output == "") exit("give input=[folder] and output=[folder]");

setBatchMode(true);
run("Refine Folder", "input=[" + input + "] output=[" + output + "] model=[" + model + "] batch=32");
