package org.simgan.data.io;

import java.util.Comparator;

/**
 * The order in which named images (HDF5 datasets in a group, files in a folder) become dataset images: names that
 * are whole numbers by their value ({@code 2} before {@code 10}), everything else by the digits-aware comparison of
 * {@link #compare}: runs of digits compare as numbers, the rest as text.
 */
final class NameOrder implements Comparator<String> {

    static final NameOrder INSTANCE = new NameOrder();

    private NameOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) ei++;
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) ej++;
                int c = compareDigits(a.substring(i, ei), b.substring(j, ej));
                if (c != 0) return c;
                i = ei;
                j = ej;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int compareDigits(String x, String y) {
        String sx = x.replaceFirst("^0+(?=.)", "");
        String sy = y.replaceFirst("^0+(?=.)", "");
        if (sx.length() != sy.length()) return Integer.compare(sx.length(), sy.length());
        return sx.compareTo(sy);
    }
}
