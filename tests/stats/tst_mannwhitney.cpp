#include "stats/MannWhitney.h"

#include "SyntheticSeries.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace bengal;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

bool near(double a, double b, double tol = 1e-12)
{
    return std::fabs(a - b) <= tol;
}
} // namespace

class TestMannWhitney : public QObject
{
    Q_OBJECT
private slots:
    void scipyExampleExact();
    void scipyExampleAsymptotic();
    void smallestPossibleP();
    void tiesUseCorrectedVariance();
    void directionOfOneSidedP();
    void exactMatchesEnumeration();
    void hodgesLehmann();
    void emptyAndNaN();
    void allTied();
};

// scipy.stats.mannwhitneyu documentation example (Conover, "Practical Nonparametric Statistics"):
// ages of male and female workers. U1 = 17; exact two-sided p = 14/126 = 0.1111...
void TestMannWhitney::scipyExampleExact()
{
    const std::vector<double> males{19, 22, 16, 29, 24};
    const std::vector<double> females{20, 11, 17, 12};
    const MannWhitneyResult r = mannWhitney(females, males); // "b" = males
    QVERIFY(r.exact);
    QCOMPARE(r.uB, 17.0);
    QCOMPARE(r.uA, 3.0);
    QVERIFY(near(r.pTwoSided, 14.0 / 126.0));
    QVERIFY(near(r.pGreater, 7.0 / 126.0)); // U >= 17: 3 + 2 + 1 + 1 arrangements
}

// Same data, scipy method="asymptotic": pvalue = 0.11134688653314041.
void TestMannWhitney::scipyExampleAsymptotic()
{
    const std::vector<double> males{19, 22, 16, 29, 24};
    const std::vector<double> females{20, 11, 17, 12};
    const MannWhitneyResult r = mannWhitney(females, males, /*exactLimit=*/0);
    QVERIFY(!r.exact);
    QCOMPARE(r.uB, 17.0);
    QVERIFY(near(r.pTwoSided, 0.11134688653314041, 1e-12));
}

// With 3 against 3 and complete separation the exact two-sided p is 2/20 = 0.1: the textbook
// reason why tiny samples cannot prove anything at 5%.
void TestMannWhitney::smallestPossibleP()
{
    const std::vector<double> a{1, 2, 3};
    const std::vector<double> b{4, 5, 6};
    const MannWhitneyResult r = mannWhitney(a, b);
    QVERIFY(r.exact);
    QCOMPARE(r.uB, 9.0);
    QVERIFY(near(r.pGreater, 0.05));
    QVERIFY(near(r.pTwoSided, 0.1));
    QVERIFY(near(r.pLess, 1.0));
}

// Ties: average ranks and the tie-corrected variance. Worked by hand:
// a = 1 2 2 3 4, b = 2 3 4 4 5 6. Pooled ranks: 1->1, 2->3 (x3), 3->5.5 (x2), 4->8 (x3), 5->10,
// 6->11. R_b = 3 + 5.5 + 8 + 8 + 10 + 11 = 45.5, U_b = 45.5 - 21 = 24.5, mu = 15,
// tie term = 24 + 6 + 24 = 54, var = 30/12 * (12 - 54/110) = 28.7727..., z = (24.5-15-0.5)/5.364.
void TestMannWhitney::tiesUseCorrectedVariance()
{
    const std::vector<double> a{1, 2, 2, 3, 4};
    const std::vector<double> b{2, 3, 4, 4, 5, 6};
    const MannWhitneyResult r = mannWhitney(a, b);
    QVERIFY(!r.exact); // ties force the normal approximation
    QCOMPARE(r.uB, 24.5);
    const double sd = std::sqrt(30.0 / 12.0 * (12.0 - 54.0 / 110.0));
    const double zc = (24.5 - 15.0 - 0.5) / sd;
    QVERIFY(near(r.pGreater, 0.5 * std::erfc(zc / std::sqrt(2.0))));
    QVERIFY(near(r.pTwoSided, std::erfc(zc / std::sqrt(2.0))));
    QVERIFY(near(r.z, (24.5 - 15.0) / sd));
}

void TestMannWhitney::directionOfOneSidedP()
{
    test::Rng rng(5);
    std::vector<double> fast;
    std::vector<double> slow;
    for (int i = 0; i < 40; ++i) {
        fast.push_back(test::noisy(rng, 100.0, 0.05));
        slow.push_back(test::noisy(rng, 115.0, 0.05));
    }
    const MannWhitneyResult r = mannWhitney(fast, slow);
    QVERIFY(r.pGreater < 1e-6);
    QVERIFY(r.pLess > 0.99);
    QVERIFY(r.pTwoSided < 1e-6);
    const MannWhitneyResult back = mannWhitney(slow, fast);
    QVERIFY(back.pLess < 1e-6);
    QCOMPARE(back.uB, r.uA);
}

// The exact p values against brute force: every one of the C(15, 7) = 6435 ways to split the
// ranks 1..15 into samples of 7 and 8 is equally likely under H0; count those with U at least /
// at most the observed one.
void TestMannWhitney::exactMatchesEnumeration()
{
    const std::vector<double> a{1, 4, 6, 9, 12, 13, 17};
    const std::vector<double> b{2, 3, 5, 7, 8, 10, 11, 14, 15};
    const MannWhitneyResult r = mannWhitney(a, b);
    QVERIFY(r.exact);
    const int na = 7;
    const int n = 16;
    double total = 0;
    double atLeast = 0;
    double atMost = 0;
    for (int mask = 0; mask < (1 << n); ++mask) {
        if (__builtin_popcount(unsigned(mask)) != na)
            continue;
        // U of B = pairs (a, b) with b > a; ranks are the values 0..n-1.
        double u = 0;
        for (int i = 0; i < n; ++i) {
            if (!(mask & (1 << i)))
                continue;
            for (int j = i + 1; j < n; ++j)
                u += (mask & (1 << j)) ? 0 : 1;
        }
        total += 1;
        atLeast += u >= r.uB ? 1 : 0;
        atMost += u <= r.uB ? 1 : 0;
    }
    QVERIFY(near(r.pGreater, atLeast / total));
    QVERIFY(near(r.pLess, atMost / total));
    QVERIFY(near(r.pTwoSided, std::min(1.0, 2.0 * std::min(atLeast, atMost) / total)));
}

void TestMannWhitney::hodgesLehmann()
{
    // Differences b - a: {9, 8, 7, 10, 9, 8, 11, 10, 9}: median 9.
    const std::vector<double> a{1, 2, 3};
    const std::vector<double> b{10, 11, 12};
    QCOMPARE(hodgesLehmannShift(a, b), 9.0);
    QCOMPARE(mannWhitney(a, b).hodgesLehmann, 9.0);
    // Large samples are thinned but must still find the shift.
    test::Rng rng(9);
    std::vector<double> big1;
    std::vector<double> big2;
    for (int i = 0; i < 3000; ++i) {
        big1.push_back(100.0 + rng.normal());
        big2.push_back(105.0 + rng.normal());
    }
    QVERIFY(std::fabs(hodgesLehmannShift(big1, big2) - 5.0) < 0.2);
}

void TestMannWhitney::emptyAndNaN()
{
    const std::vector<double> none;
    const std::vector<double> some{1, NaN, 2};
    const MannWhitneyResult r = mannWhitney(none, some);
    QCOMPARE(r.countA, qsizetype(0));
    QCOMPARE(r.countB, qsizetype(2));
    QCOMPARE(r.pTwoSided, 1.0);
    QVERIFY(std::isnan(r.hodgesLehmann));
}

void TestMannWhitney::allTied()
{
    const std::vector<double> a{5, 5, 5};
    const std::vector<double> b{5, 5};
    const MannWhitneyResult r = mannWhitney(a, b);
    QCOMPARE(r.uB, 3.0);
    QCOMPARE(r.pTwoSided, 1.0);
}

QTEST_GUILESS_MAIN(TestMannWhitney)
#include "tst_mannwhitney.moc"
