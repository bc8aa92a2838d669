// Refine the open stack (the current image) with a trained refiner, into a new stack "<title>-refined" whose
// slices keep their labels (name and gaze). The source stack is not changed.
// Argument (all optional): model=[refiner.onnx] (empty: the refiner loaded by Load Refiner or Train SimGAN),
// stack=[a stack to open first], saveto=[where to save the refined stack as TIFF].
args = getArgument();
model = call("ij.Macro.getValue", args, "model", "");
stack = call("ij.Macro.getValue", args, "stack", "");
saveTo = call("ij.Macro.getValue", args, "saveto", "");

if (stack != "") open(stack);
if (nImages == 0) exit("open a stack of eye images first");
source = getTitle();
if (model != "") run("Load Refiner", "model=[" + model + "]");
run("Refine Stack", "image=[" + source + "] batch=32");
// the refined stack is now the current image
print("refined " + nSlices + " slices of " + source + " into " + getTitle());
// the image properties record the model and the options
print("model: " + Property.get("SimGAN.model"));
if (saveTo != "") saveAs("Tiff", saveTo);
