// LoRA: a fresh adapter leaves the output unchanged; training touches only the adapter and the head;
// merging keeps the output; the adapter saves under PEFT's names.
#include "model/config.h"
#include "model/judge.h"
#include "model/safetensors.h"
#include "tests/model/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include "model/judge_impl.hpp"
#include "model/losses.hpp"

using namespace svj::model;
using namespace svj::model::detail;

class LoraTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void freshAdapterChangesNothing();
    void adapterOnTheLastThird();
    void aStepChangesOnlyAdapterAndHead();
    void mergeKeepsTheOutput();
    void savedUnderPeftNames();
};

namespace {
JudgeConfig smallLoraConfig(Stage1Training training) {
    JudgeConfig config = JudgeConfig::forPreset("tiny");
    config.stage1Training = training;
    config.inputWidth = 32;
    config.inputHeight = 32;
    config.inputFrames = 9;
    return config;
}
} // namespace

void LoraTest::freshAdapterChangesNothing() {
    torch::NoGradGuard noGrad;
    JudgeConfig withLora = smallLoraConfig(Stage1Training::LoraOnly);
    JudgeConfig without = withLora;
    without.lora.rank = 0;
    torch::manual_seed(1);
    JudgeNetwork a(withLora);
    torch::manual_seed(1);
    JudgeNetwork b(without);
    // Same base weights: copy b's into a by name (a has extra LoRA tensors).
    auto target = a->named_parameters(true);
    for (const auto& item : b->named_parameters(true)) {
        target[item.key()].copy_(item.value());
    }
    const torch::Tensor latents = torch::randn({2, 3, 16, 4, 4});
    SVJ_COMPARE_TENSORS("energies", a->judge(latents, true).energies, b->judge(latents, true).energies, 1e-6);
}

void LoraTest::adapterOnTheLastThird() {
    JudgeNetwork network(smallLoraConfig(Stage1Training::LoraOnly)); // tiny: 6 blocks, LoRA on 4 and 5
    std::set<std::string> blocks;
    for (const auto& [name, tensor] : network->loraState()) {
        QVERIFY(name.rfind("transformer.transformer_blocks.", 0) == 0);
        blocks.insert(name.substr(31, 1));
    }
    QCOMPARE(blocks, (std::set<std::string>{"4", "5"}));
    QCOMPARE(network->loraState().size(), size_t(2 * 4 * 2)); // 2 blocks x 4 projections x (A, B)
    QCOMPARE(JudgeConfig::forPreset("cogvideox-2b").lora.resolvedFirstBlock(30), 20);
}

void LoraTest::aStepChangesOnlyAdapterAndHead() {
    JudgeNetwork network(smallLoraConfig(Stage1Training::LoraOnly));
    {
        // A fresh model's adaLN-Zero gates are zero, which would hide the attention (and its adapter) from
        // the loss; give them pretrained-looking values.
        torch::NoGradGuard noGrad;
        for (auto& item : network->named_parameters(true)) {
            if (item.key().find(".linear.") != std::string::npos && item.key().find("norm") != std::string::npos) {
                item.value().normal_(0.0, 0.05);
            }
        }
    }
    network->train();
    std::map<std::string, torch::Tensor> before;
    for (const auto& item : network->named_parameters(true)) {
        before[item.key()] = item.value().detach().clone();
    }
    torch::optim::AdamW optimizer(network->stage1Parameters(), torch::optim::AdamWOptions(1e-2));
    const torch::Tensor positive = torch::randn({2, 3, 16, 4, 4});
    const torch::Tensor negative = torch::randn({2, 3, 16, 4, 4});
    const torch::Tensor loss = energyContrastiveLoss(network->judge(positive, false, true).energies.mean(1),
                                                     network->judge(negative, false, true).energies.mean(1), 0.2);
    loss.backward();
    optimizer.step();
    int changedAdapters = 0;
    for (const auto& item : network->named_parameters(true)) {
        const std::string& name = item.key();
        const bool changed = !torch::equal(item.value(), before[name]);
        const bool trainable = name.find("lora_") != std::string::npos || name.rfind("energy_head.", 0) == 0;
        if (changed) {
            QVERIFY2(trainable, ("a frozen weight changed: " + name).c_str());
        }
        if (changed && name.find("lora_B") != std::string::npos) {
            ++changedAdapters;
        }
    }
    QVERIFY(changedAdapters > 0); // B starts at zero and moves first
}

void LoraTest::mergeKeepsTheOutput() {
    torch::NoGradGuard noGrad;
    JudgeNetwork network(smallLoraConfig(Stage1Training::LoraOnly));
    for (auto& [name, tensor] : network->loraState()) {
        tensor.normal_(0.0, 0.1); // a trained-looking adapter
    }
    const torch::Tensor latents = torch::randn({1, 3, 16, 4, 4});
    const torch::Tensor adapted = network->judge(latents, false).energies;
    network->transformer->mergeLora();
    QVERIFY(network->loraState().empty());
    SVJ_COMPARE_TENSORS("merged", network->judge(latents, false).energies, adapted, 1e-5);
}

void LoraTest::savedUnderPeftNames() {
    QTemporaryDir dir;
    Judge judge = Judge::create(smallLoraConfig(Stage1Training::LoraOnly));
    const std::string path = dir.filePath(QStringLiteral("adapter.safetensors")).toStdString();
    judge.saveLora(path);
    const auto file = SafetensorsFile::open(path);
    QCOMPARE(file->tensors().size(), size_t(16));
    QVERIFY(file->find("transformer.transformer_blocks.4.attn1.to_q.lora_A.weight"));
    QVERIFY(file->find("transformer.transformer_blocks.5.attn1.to_out.0.lora_B.weight"));
    const TensorInfo* a = file->find("transformer.transformer_blocks.4.attn1.to_k.lora_A.weight");
    QCOMPARE(a->shape, (std::vector<int64_t>{8, 64})); // [rank, width]
    QCOMPARE(file->metadata().at("lora_rank"), std::string("8"));
}

SVJ_REGISTER_TEST(LoraTest)
#include "lora_tests.moc"
