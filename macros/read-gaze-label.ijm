// Open an eye dataset and read one slice's gaze label back in the macro language.
// Every slice label has two lines: the image name, then "gaze=x,y,z" (a unit look vector: x to the image's right,
// y up, z away from the camera).
// Argument: path=[dataset: HDF5, TIFF stack or folder] slice=3 result=[optional text file to write the gaze to]
args = getArgument();
path = call("ij.Macro.getValue", args, "path", "synthetic.tif");
slice = parseInt(call("ij.Macro.getValue", args, "slice", "1"));
result = call("ij.Macro.getValue", args, "result", "");

setBatchMode(true);
run("Open Eye Dataset", "path=[" + path + "] first=0 count=-1");
setSlice(slice);
// getMetadata("Label") gives the whole slice label (getInfo("slice.label") only its first line)
lines = split(getMetadata("Label"), "\n");
name = lines[0];
if (lengthOf(lines) < 2) exit("slice " + slice + " (" + name + ") has no gaze label");
if (!startsWith(lines[1], "gaze=")) exit("slice " + slice + " (" + name + ") has no gaze label");
xyz = split(substring(lines[1], 5), ",");
x = parseFloat(xyz[0]); y = parseFloat(xyz[1]); z = parseFloat(xyz[2]);
// pitch (up) and yaw (to the right) in degrees
pitch = asin(y) * 180 / PI;
yaw = atan2(x, -z) * 180 / PI;
line = name + " gaze " + x + " " + y + " " + z + " pitch " + d2s(pitch, 2) + " yaw " + d2s(yaw, 2);
print(line);
if (result != "") File.saveString(line + "\n", result);
