#include "annotation/leaderboard.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace svj::annotation {
namespace {

using Matrix = std::vector<std::vector<double>>;

// Solves m x = v in place by Gaussian elimination with partial pivoting; false when m is singular.
bool solve(Matrix m, std::vector<double>& v) {
    const size_t n = v.size();
    for (size_t col = 0; col < n; ++col) {
        size_t pivot = col;
        for (size_t row = col + 1; row < n; ++row) {
            if (std::abs(m[row][col]) > std::abs(m[pivot][col])) {
                pivot = row;
            }
        }
        if (std::abs(m[pivot][col]) < 1e-12) {
            return false;
        }
        std::swap(m[col], m[pivot]);
        std::swap(v[col], v[pivot]);
        for (size_t row = 0; row < n; ++row) {
            if (row == col) {
                continue;
            }
            const double factor = m[row][col] / m[col][col];
            if (factor == 0.0) {
                continue;
            }
            for (size_t k = col; k < n; ++k) {
                m[row][k] -= factor * m[col][k];
            }
            v[row] -= factor * v[col];
        }
    }
    for (size_t i = 0; i < n; ++i) {
        v[i] /= m[i][i];
    }
    return true;
}

// Log-likelihood (with the prior), its gradient and the negative Hessian at `p` (log-strengths, then log nu).
double evaluate(const std::vector<double>& p, const std::vector<Comparison>& comparisons, double ridge,
                std::vector<double>* gradient, Matrix* information) {
    const size_t n = p.size();
    const size_t nu = n - 1;
    double value = 0.0;
    if (gradient) {
        gradient->assign(n, 0.0);
    }
    if (information) {
        information->assign(n, std::vector<double>(n, 0.0));
    }
    for (const Comparison& c : comparisons) {
        const auto a = static_cast<size_t>(c.a);
        const auto b = static_cast<size_t>(c.b);
        const std::array<double, 3> logits = {p[a], p[b], p[nu] + 0.5 * (p[a] + p[b])};
        const double top = *std::max_element(logits.begin(), logits.end());
        std::array<double, 3> prob{};
        double sum = 0.0;
        for (size_t k = 0; k < 3; ++k) {
            prob[k] = std::exp(logits[k] - top);
            sum += prob[k];
        }
        for (double& q : prob) {
            q /= sum;
        }
        value += logits[static_cast<size_t>(c.outcome)] - top - std::log(sum);
        // d logit_k / d parameter: rows A, B, tie over the columns a, b, nu.
        const std::array<std::array<double, 3>, 3> jacobian = {{{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {0.5, 0.5, 1.0}}};
        const std::array<size_t, 3> columns = {a, b, nu};
        if (gradient) {
            for (size_t k = 0; k < 3; ++k) {
                const double residual = (static_cast<int>(k) == c.outcome ? 1.0 : 0.0) - prob[k];
                for (size_t j = 0; j < 3; ++j) {
                    (*gradient)[columns[j]] += residual * jacobian[k][j];
                }
            }
        }
        if (information) {
            // J^T (diag p - p p^T) J
            for (size_t r = 0; r < 3; ++r) {
                for (size_t s = 0; s < 3; ++s) {
                    double w = 0.0;
                    for (size_t k = 0; k < 3; ++k) {
                        for (size_t l = 0; l < 3; ++l) {
                            const double cov = (k == l ? prob[k] : 0.0) - prob[k] * prob[l];
                            w += jacobian[k][r] * cov * jacobian[l][s];
                        }
                    }
                    (*information)[columns[r]][columns[s]] += w;
                }
            }
        }
    }
    for (size_t i = 0; i < nu; ++i) {
        value -= 0.5 * ridge * p[i] * p[i];
        if (gradient) {
            (*gradient)[i] -= ridge * p[i];
        }
        if (information) {
            (*information)[i][i] += ridge;
        }
    }
    if (information) {
        (*information)[nu][nu] += 1e-6; // nu is identified only when there are ties; keep it finite otherwise
    }
    return value;
}

} // namespace

Leaderboard fitLeaderboard(int models, const std::vector<Comparison>& comparisons, double ridge) {
    Leaderboard board;
    const auto n = static_cast<size_t>(models) + 1;
    std::vector<double> p(n, 0.0);
    p.back() = std::log(0.5);
    double value = evaluate(p, comparisons, ridge, nullptr, nullptr);
    for (board.iterations = 0; board.iterations < 100; ++board.iterations) {
        std::vector<double> gradient;
        Matrix information;
        evaluate(p, comparisons, ridge, &gradient, &information);
        std::vector<double> step = gradient;
        if (!solve(information, step)) {
            break;
        }
        // Newton with step halving: the likelihood never decreases.
        double scale = 1.0;
        std::vector<double> next(n);
        double nextValue = value;
        for (int tries = 0; tries < 30; ++tries, scale *= 0.5) {
            for (size_t i = 0; i < n; ++i) {
                next[i] = p[i] + scale * step[i];
            }
            nextValue = evaluate(next, comparisons, ridge, nullptr, nullptr);
            if (nextValue >= value - 1e-12) {
                break;
            }
        }
        const double change = std::abs(nextValue - value);
        p = next;
        value = nextValue;
        if (change < 1e-10) {
            board.converged = true;
            break;
        }
    }
    std::vector<double> gradient;
    Matrix information;
    evaluate(p, comparisons, ridge, &gradient, &information);
    const double mean = std::accumulate(p.begin(), p.end() - 1, 0.0) / std::max(1, models);
    board.tieStrength = std::exp(p.back());
    for (int m = 0; m < models; ++m) {
        LeaderboardEntry entry;
        entry.model = m;
        entry.score = p[static_cast<size_t>(m)] - mean;
        // Variance of the centred score: e^T Cov e with e = unit(m) - 1/models.
        std::vector<double> e(n, -1.0 / models);
        e[static_cast<size_t>(m)] += 1.0;
        e.back() = 0.0;
        std::vector<double> x = e;
        double variance = NAN;
        if (solve(information, x)) {
            variance = std::inner_product(e.begin(), e.end(), x.begin(), 0.0);
        }
        const double half = 1.959964 * std::sqrt(std::max(0.0, variance));
        entry.low = entry.score - half;
        entry.high = entry.score + half;
        board.entries.push_back(entry);
    }
    for (const Comparison& c : comparisons) {
        for (const int side : {0, 1}) {
            LeaderboardEntry& entry = board.entries[static_cast<size_t>(side == 0 ? c.a : c.b)];
            ++entry.comparisons;
            entry.wins += c.outcome == side ? 1 : 0;
            entry.ties += c.outcome == 2 ? 1 : 0;
        }
    }
    std::stable_sort(board.entries.begin(), board.entries.end(),
                     [](const LeaderboardEntry& x, const LeaderboardEntry& y) { return x.score > y.score; });
    return board;
}

} // namespace svj::annotation
