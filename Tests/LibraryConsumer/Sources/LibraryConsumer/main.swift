import Foundation
import RejoinderEngine
import RejoinderRendering
import RejoinderSyntax

// Two sources attack each other's claim; the joint view leaves both undecided.
let knowledge = SourceFile(name: "exchange.rj", text: """
vocabulary(argument, claim). vocabulary(attack, rebuts). vocabulary(joint_view, debate).
source left "Left". source right "Right".
claim l { by: left }. claim r { by: right }.
according to left: rebuts(l, r).
according to right: rebuts(r, l).
""")
let base = KnowledgeBase()
do {
    _ = try base.load([Parser.parse(knowledge)])
    let file = SourceFile(name: "<query>", text: "?- status(C, S) contrast left, right, debate.")
    guard case .query(let query)? = Parser.parse(file).statements.first else { fatalError("the query does not parse") }
    let answer = AnswerRenderer(format: .csv, style: TableStyle()).render(try base.answer(query, in: file))
    let expected = ["C,S,left,right,debate", "l,accepted,yes,no,no", "l,rejected,no,yes,no", "l,undecided,no,no,yes",
                    "r,accepted,no,yes,no", "r,rejected,yes,no,no", "r,undecided,no,no,yes"].map { $0 + "\r\n" }.joined()
    print(answer, terminator: "")
    guard answer == expected else {
        print("error: the library answered otherwise than expected")
        exit(1)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
