package org.omnisila.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedTTestTest {

    /* Table values of Student's t: t(0.975; 10) = 2.228139 gives p = 0.05; t(0.995; 5) = 4.032143 gives 0.01;
     * t = 1.959964 with 1e6 df is the normal's 0.05; df = 1 is Cauchy: p(t=1) = 1/2 exactly. */
    @Test
    void twoSidedPMatchesTables() {
        assertEquals(0.05, StudentT.twoSidedP(2.228139, 10), 1e-6);
        assertEquals(0.01, StudentT.twoSidedP(4.032143, 5), 1e-6);
        assertEquals(0.05, StudentT.twoSidedP(1.959964, 1e6), 1e-6);
        assertEquals(0.5, StudentT.twoSidedP(1.0, 1), 1e-12);
        assertEquals(1.0, StudentT.twoSidedP(0.0, 7), 1e-12);
        assertEquals(StudentT.twoSidedP(-2.5, 9), StudentT.twoSidedP(2.5, 9), 1e-15);
    }

    @Test
    void logGammaOfKnownValues() {
        assertEquals(Math.log(24), StudentT.logGamma(5), 1e-12);
        assertEquals(Math.log(Math.sqrt(Math.PI)), StudentT.logGamma(0.5), 1e-12);
    }

    /*
     * a = (5, 7, 6, 9), b = (4, 5, 6, 6): d = (1, 2, 0, 3), mean 1.5, deviations (-0.5, 0.5, -1.5, 1.5),
     * sum of squares 0.25+0.25+2.25+2.25 = 5, sd = sqrt(5/3), t = 1.5 / (sqrt(5/3)/2) = 3/sqrt(5/3) = 2.32379,
     * df = 3; p(2.32379; 3) = 0.10277 (scipy.stats.ttest_rel gives 0.1027...).
     */
    @Test
    void pairedTestByHand() {
        PairedTTest.Result r = PairedTTest.test(new double[] {5, 7, 6, 9}, new double[] {4, 5, 6, 6});
        assertEquals(4, r.n());
        assertEquals(3.0 / Math.sqrt(5.0 / 3), r.t(), 1e-12);
        assertEquals(3, r.df(), 0);
        assertEquals(0.10277, r.p(), 1e-4);
    }

    @Test
    void undefinedPairsAreDroppedAndDegenerateCasesAreHandled() {
        PairedTTest.Result r = PairedTTest.test(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3});
        assertEquals(2, r.n());
        assertEquals(1.0, r.p(), 0); // every difference is 0
        assertTrue(Double.isNaN(PairedTTest.test(new double[] {1}, new double[] {2}).p()));
        assertEquals(0.0, PairedTTest.test(new double[] {2, 3}, new double[] {1, 2}).p(), 0); // constant shift
    }
}
