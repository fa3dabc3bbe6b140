// Inter-rater agreement on nominal labels (ties and both-bad are categories of their own): Cohen's kappa
// for two raters, Fleiss' kappa for many, Krippendorff's alpha with missing ratings. Plain std code.
#pragma once

#include <vector>

namespace svj::annotation {

// Cohen (1960). `a` and `b` are the two raters' categories (0 .. categories-1) on the same items.
// NaN when there is no item or the expected agreement is 1 (both raters always use one and the same category).
double cohenKappa(const std::vector<int>& a, const std::vector<int>& b, int categories);

// Fleiss (1971). counts[item][category] = how many raters put the item in the category; every item must have
// the same number of ratings (>= 2). NaN when undefined.
double fleissKappa(const std::vector<std::vector<int>>& counts);

// Krippendorff's alpha, nominal metric. ratings[unit][rater] = category (>= 0) or -1 when that rater did not
// rate the unit; units with fewer than two ratings do not count. NaN when there are no pairable values.
double krippendorffAlphaNominal(const std::vector<std::vector<int>>& ratings);

} // namespace svj::annotation
