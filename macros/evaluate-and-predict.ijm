// Evaluate a refiner on two files, then predict the gaze of a stack with a gaze estimator.
// Argument (optional parts in brackets below):
//   synthetic=[labelled synthetic images: HDF5, TIFF stack or folder] real=[real images of the same size]
//   refiner=[refiner.onnx; empty: the loaded refiner] report=[folder for the evaluation report]
//   settings=[evaluation settings, for example c2st-steps=300 gaze-steps=1000; left out: the defaults]
//   gaze=[gaze estimator .onnx, from: java -jar simgan.jar gaze train] stack=[stack to predict the gaze of]
//   saveto=[where to save the stack with the predicted gazes as TIFF]
// For a display-free run: xvfb-run -a imagej -b evaluate-and-predict.ijm "synthetic=[...] real=[...] ..."
args = getArgument();
synthetic = call("ij.Macro.getValue", args, "synthetic", "synthetic.h5");
real = call("ij.Macro.getValue", args, "real", "real.h5");
refiner = call("ij.Macro.getValue", args, "refiner", "");
report = call("ij.Macro.getValue", args, "report", "simgan-report");
settings = call("ij.Macro.getValue", args, "settings", "");
gaze = call("ij.Macro.getValue", args, "gaze", "gaze.onnx");
stack = call("ij.Macro.getValue", args, "stack", "");
saveTo = call("ij.Macro.getValue", args, "saveto", "");

setBatchMode(true);
run("Evaluate Refinement", "synthetic=[" + synthetic + "] real=[" + real + "] model=[" + refiner + "] output=[" + report + "] " + settings);
// every figure is in summary.csv (section,metric,value) in the report folder, and in the "SimGAN Evaluation"
// table where there is a display
lines = split(File.openAsString(report + File.separator + "summary.csv"), "\n");
for (i = 1; i < lengthOf(lines); i++) {
    cells = split(lines[i], ",");
    if (lengthOf(cells) == 3 && (cells[1] == "auc" || cells[1] == "label_cost_deg")) print("report: " + cells[0] + " " + cells[1] + " " + cells[2]);
}
if (isOpen("SimGAN Evaluation")) {
    for (i = 0; i < Table.size("SimGAN Evaluation"); i++) {
        if (Table.getString("metric", i, "SimGAN Evaluation") == "auc_change_refined_minus_synthetic")
            print("table: AUC change " + Table.getString("value", i, "SimGAN Evaluation"));
    }
}

if (stack != "") run("Open Eye Dataset", "path=[" + stack + "]");
if (nImages == 0) exit("open a stack of eye images first, or give stack=[...]");
source = getTitle();
run("Predict Gaze", "model=[" + gaze + "] image=[" + source + "]");
// the new stack "<title>-gaze" is the current image; its slice labels hold the predicted gazes
print("predicted the gaze of " + nSlices + " slices of " + source + " into " + getTitle());
setSlice(1);
print("slice 1: " + replace(getMetadata("Label"), "\n", " / "));
if (saveTo != "") saveAs("Tiff", saveTo);
