import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Testing

@Suite("Learning the link scorer from review corrections")
struct CorrectionTrainingTests {
    @Test("split-off messages become starts to learn; a quarter is held out; the fit moves toward the reviewers, deterministically")
    func splitsTeachStarts() throws {
        let guild = try TaggedGuild()
        let base = try LinkModelFile.load(path: RepoPaths.root + "/" + LinkModelFile.shipped)
        var tag = TagJob(store: guild.store, schema: guild.schema, text: guild.text)
        tag.linkModel = base
        _ = try tag.run()
        // A reviewer splits off every message the scorer linked by a scored or continuation link.
        var corrected: [Snowflake] = []
        for channel in try guild.store.channels() {
            for link in try guild.store.links(channel: channel.id)
            where link.antecedentID != nil && ["scored", "continuation", "response"].contains(link.rule) {
                _ = try guild.store.moveMessages([link.messageID], to: nil, kind: .split, item: nil, annotator: "ann")
                corrected.append(link.messageID)
            }
        }
        try #require(corrected.count >= 12)

        // The messages left behind that answered a split-off one are kept in place by hand too,
        // but only the person's own placements are learned from.
        var kept = Set<Snowflake>()
        for channel in try guild.store.channels() { kept.formUnion(try guild.store.manualLinks(channel: channel.id).filter(\.value.isKept).keys) }
        #expect(!kept.isEmpty && kept.isDisjoint(with: corrected))

        let job = CorrectionTrainingJob(store: guild.store, base: base, text: guild.text)
        let (model, result) = try job.run()
        #expect(result.corrections == corrected.count)
        #expect(result.heldOut == corrected.filter(CorrectionTrainingJob.isHeldOut).count)
        #expect(result.heldOut > 0 && result.heldOut < result.corrections)
        #expect(result.fittedBefore < 0.5, "the base model linked these messages, so it rarely starts them")
        #expect(result.fittedAfter > result.fittedBefore)
        #expect(model != base)
        #expect(try job.run().model == model)
    }

    @Test("a store without corrections teaches nothing and keeps the weights")
    func nothingToLearn() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let base = try LinkModelFile.load(path: RepoPaths.root + "/" + LinkModelFile.shipped)
        let (model, result) = try CorrectionTrainingJob(store: guild.store, base: base, text: guild.text).run()
        #expect(result.corrections == 0)
        #expect(model == base)
    }
}
