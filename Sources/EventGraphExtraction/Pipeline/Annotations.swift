import EventGraphCore

// What the stages write on the analyzed document: token spans and indices into the document's own
// layers. Graph objects (entities with evidence, events, relations) are made from them once, by
// `AnalyzedDocument.fragment()`, so that a later stage reads an earlier one's mentions directly
// instead of finding them again from evidence offsets.

/// An entity of one article as the entity stage resolved it (its mentions are `EntityMention`s).
public struct ArticleEntity: Sendable, Hashable {
    /// The graph id the entity will have (`StableID.entity`).
    public let id: String
    public let type: EntityType
    public let name: String
    /// The other names the article gives it, sorted.
    public let aliases: [String]

    public init(type: EntityType, name: String, aliases: [String]) {
        id = StableID.entity(type: type, canonicalName: name)
        self.type = type
        self.name = name
        self.aliases = Array(Set(aliases).subtracting([name])).sorted()
    }

    public var allNames: [String] { [name] + aliases }
}

/// One mention of an article entity: whole tokens, or a span inside one token ("Iran" in "anti-Iran").
public struct EntityMention: Sendable, Hashable {
    public let tokens: ClosedRange<Int>
    /// The characters within the token, for a mention inside a word; nil for whole tokens.
    public let innerSpan: TextSpan?
    /// Index into `AnalyzedDocument.articleEntities`.
    public let entity: Int
    /// The entity's type and id, kept here because nearly every rule that reads a mention asks.
    public let type: EntityType
    public let entityID: String
    public let rule: RuleID
    public let confidence: Double
    /// A proper name, not a description ("the group") or a lowercase mention ("police").
    public let isName: Bool
    /// This mention's index in `AnalyzedDocument.entityMentions` (what event and relation mentions
    /// refer to it by).
    public let index: Int

    /// Whether the mention can be an argument of an event or relation: a mention inside a word
    /// ("Iran" in "anti-Iran") is part of a modifier, not a participant.
    public var isArgument: Bool { innerSpan == nil }
}

/// A participant of an event mention: its role and the entity mention that fills it.
public struct ParticipantMention: Sendable, Hashable {
    public let role: ParticipantRole
    /// Index into `AnalyzedDocument.entityMentions`.
    public let mention: Int
}

/// One event as the event stage found it: its trigger token and what fills its roles.
public struct EventMention: Sendable, Hashable {
    /// The event type; empty for a predicate that states only a relation ("supported"), which the
    /// graph keeps as that relation and not as an event.
    public let type: String
    public let trigger: Int
    /// Later definite mentions of the same event ("the raid"), by token.
    public let coreferentTriggers: [Int]
    public let date: TimeValue?
    public let participants: [ParticipantMention]
    public let rule: RuleID
    /// What is said, for a statement: the tokens of the reported words, when the tree shows them.
    public var content: ClosedRange<Int>? = nil
    /// How the text tells it, and who reports it (an entity mention) for a reported event.
    public var modality: Modality = .asserted
    public var by: Int? = nil
    /// The relation the event states from its agent (`Resources/events/frames.tsv`), and the
    /// mention it ends at.
    public var relation: String? = nil
    public var relationObject: Int? = nil
}

/// One relation as the relation stage found it: the tokens that state it and the mentions at its ends.
public struct RelationMention: Sendable, Hashable {
    public let type: String
    /// Indices into `AnalyzedDocument.entityMentions`.
    public let source: Int
    public let target: Int?
    public let label: String?
    /// The speaker's mention, for a reported relation.
    public let by: Int?
    /// The tokens that state it (a trigger's, for one implied by an event).
    public let tokens: ClosedRange<Int>
    /// The event mention it is implied by ("raided" from a raid): its evidence is the event's.
    public let event: Int?
    public let rule: RuleID
    public let confidence: Double
    public let time: TemporalInterval?
    public let modality: Modality
    public let timeInIdentity: Bool

    public init(type: String, source: Int, target: Int?, label: String? = nil, by: Int? = nil, tokens: ClosedRange<Int>, event: Int? = nil,
                rule: RuleID, confidence: Double, time: TemporalInterval?, modality: Modality = .asserted, timeInIdentity: Bool) {
        self.type = type
        self.source = source
        self.target = target
        self.label = label
        self.by = by
        self.tokens = tokens
        self.event = event
        self.rule = rule
        self.confidence = confidence
        self.time = time
        self.modality = modality
        self.timeInIdentity = timeInIdentity
    }
}

extension AnalyzedDocument {
    /// The evidence of an entity mention, under `rule` (its own rule when nil).
    public func evidence(of mention: EntityMention, rule: RuleID? = nil, confidence: Double? = nil) -> Evidence {
        let span = mention.innerSpan ?? tokens[mention.tokens.lowerBound].span.union(tokens[mention.tokens.upperBound].span)
        return evidence(for: span, rule: rule ?? mention.rule, confidence: confidence ?? mention.confidence)
    }

    /// The graph entities of this article, each with the evidence of all its mentions.
    public var entities: [Entity] {
        var evidence = [[Evidence]](repeating: [], count: articleEntities.count)
        for mention in entityMentions { evidence[mention.entity].append(self.evidence(of: mention)) }
        return articleEntities.indices.map { i in
            let entity = articleEntities[i]
            return Entity(id: entity.id, type: entity.type, name: entity.name, aliases: entity.aliases, mentions: evidence[i])
        }
    }

    /// The graph events of this article: trigger, later mentions and participants as evidence.
    public var events: [Event] {
        eventMentions.filter { !$0.type.isEmpty }.map { event in
            let participants = event.participants.map { Participant(role: $0.role, entity: entityMentions[$0.mention].entityID) }
            return Event(type: event.type, date: event.date, participants: participants, modality: event.modality,
                         by: event.by.map { entityMentions[$0].entityID }, label: event.content.map(statementWords), evidence: evidence(of: event))
        }
    }

    /// What a statement says, as its label: at most 60 tokens, so that a quotation that never
    /// closes, or a sentence of thousands of nested "said"s, does not make every label the text.
    public func statementWords(_ span: ClosedRange<Int>) -> String {
        let end = min(span.upperBound, span.lowerBound + 59)
        return text(of: tokens[span.lowerBound].span.union(tokens[end].span)) + (end < span.upperBound ? " …" : "")
    }

    /// An event's evidence: its trigger, its later mentions and its participants' mentions.
    func evidence(of event: EventMention) -> [Evidence] {
        let confidence = event.participants.isEmpty ? 0.5 : 0.7
        var evidence = [self.evidence(for: tokens[event.trigger].span, rule: event.rule, confidence: confidence)]
        evidence += event.coreferentTriggers.map { self.evidence(for: tokens[$0].span, rule: .corefEvent, confidence: 0.5) }
        evidence += event.participants.map { self.evidence(of: entityMentions[$0.mention], rule: event.rule.qualified(.participant($0.role)), confidence: 0.6) }
        return evidence
    }

    /// The graph relations of this article: the stating tokens and both ends as evidence (an
    /// implied relation's evidence is its event's, under the relation's rule).
    public var relations: [Relation] {
        relationMentions.map { relation in
            var evidence: [Evidence]
            if let event = relation.event {
                evidence = self.evidence(of: eventMentions[event]).map { e in
                    var e = e
                    e.rule = relation.rule.description
                    return e
                }
            } else {
                let span = tokens[relation.tokens.lowerBound].span.union(tokens[relation.tokens.upperBound].span)
                evidence = [self.evidence(for: span, rule: relation.rule, confidence: relation.confidence)]
                for argument in [relation.source, relation.target].compactMap({ $0 }) {
                    evidence.append(self.evidence(of: entityMentions[argument], rule: relation.rule.qualified(.argument), confidence: nil))
                }
            }
            return Relation(type: relation.type, source: entityMentions[relation.source].entityID, target: relation.target.map { entityMentions[$0].entityID },
                            label: relation.label, by: relation.by.map { entityMentions[$0].entityID }, time: relation.time, modality: relation.modality,
                            evidence: evidence, timeInIdentity: relation.timeInIdentity)
        }
    }
}
