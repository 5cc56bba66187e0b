/**
 * The width-12 Goldilocks instance of the Poseidon2 reference implementation (HorizenLabs/poseidon2,
 * plain_implementations/src/poseidon2/poseidon2_instance_goldilocks.rs: RC12, MAT_DIAG12_M_1; the
 * same numbers are C12/D12 in pil2-proofman's poseidon2_goldilocks_constants.hpp), kept only so that
 * the tests can check the generic reference permutation against the known-answer vector HorizenLabs
 * publishes for it (plain_implementations/src/poseidon2/poseidon2.rs, test `kats`). zisk-ts itself
 * uses width 16 only.
 */
import type { Poseidon2Params } from '../params.js';

export const POSEIDON2_GOLDILOCKS_12: Poseidon2Params = {
  width: 12,
  externalInitial: [
    [
      0x13dcf33aba214f46n, 0x30b3b654a1da6d83n, 0x1fc634ada6159b56n, 0x937459964dc03466n,
      0xedd2ef2ca7949924n, 0xede9affde0e22f68n, 0x8515b9d6bac9282dn, 0x6b5c07b4e9e900d8n,
      0x1ec66368838c8a08n, 0x9042367d80d1fbabn, 0x400283564a3c3799n, 0x4a00be0466bca75en,
    ],
    [
      0x7913beee58e3817fn, 0xf545e88532237d90n, 0x22f8cb8736042005n, 0x6f04990e247a2623n,
      0xfe22e87ba37c38cdn, 0xd20e32c85ffe2815n, 0x117227674048fe73n, 0x4e9fb7ea98a6b145n,
      0xe0866c232b8af08bn, 0x00bbc77916884964n, 0x7031c0fb990d7116n, 0x240a9e87cf35108fn,
    ],
    [
      0x2e6363a5a12244b3n, 0x5e1c3787d1b5011cn, 0x4132660e2a196e8bn, 0x3a013b648d3d4327n,
      0xf79839f49888ea43n, 0xfe85658ebafe1439n, 0xb6889825a14240bdn, 0x578453605541382bn,
      0x4508cda8f6b63ce9n, 0x9c3ef35848684c91n, 0x0812bde23c87178cn, 0xfe49638f7f722c14n,
    ],
    [
      0x8e3f688ce885cbf5n, 0xb8e110acf746a87dn, 0xb4b2e8973a6dabefn, 0x9e714c5da3d462ecn,
      0x6438f9033d3d0c15n, 0x24312f7cf1a27199n, 0x23f843bb47acbf71n, 0x9183f11a34be9f01n,
      0x839062fbb9d45dbfn, 0x24b56e7e6c2e43fan, 0xe1683da61c962a72n, 0xa95c63971a19bfa7n,
    ],
  ],
  internal: [
    0x4adf842aa75d4316n, 0xf8fbb871aa4ab4ebn, 0x68e85b6eb2dd6aebn, 0x07a0b06b2d270380n,
    0xd94e0228bd282de4n, 0x8bdd91d3250c5278n, 0x209c68b88bba778fn, 0xb5e18cdab77f3877n,
    0xb296a3e808da93fan, 0x8370ecbda11a327en, 0x3f9075283775dad8n, 0xb78095bb23c6aa84n,
    0x3f36b9fe72ad4e5fn, 0x69bc96780b10b553n, 0x3f1d341f2eb7b881n, 0x4e939e9815838818n,
    0xda366b3ae2a31604n, 0xbc89db1e7287d509n, 0x6102f411f9ef5659n, 0x58725c5e7ac1f0abn,
    0x0df5856c798883e7n, 0xf7bb62a8da4c961bn,
  ],
  externalFinal: [
    [
      0xc68be7c94882a24dn, 0xaf996d5d5cdaedd9n, 0x9717f025e7daf6a5n, 0x6436679e6e7216f4n,
      0x8a223d99047af267n, 0xbb512e35a133ba9an, 0xfbbf44097671aa03n, 0xf04058ebf6811e61n,
      0x5cca84703fac7ffbn, 0x9b55c7945de6469fn, 0x8e05bf09808e934fn, 0x2ea900de876307d7n,
    ],
    [
      0x7748fff2b38dfb89n, 0x6b99a676dd3b5d81n, 0xac4bb7c627cf7c13n, 0xadb6ebe5e9e2f5ban,
      0x2d33378cafa24ae3n, 0x1e5b73807543f8c2n, 0x09208814bfebb10fn, 0x782e64b6bb5b93ddn,
      0xadd5a48eac90b50fn, 0xadd4c54c736ea4b1n, 0xd58dbb86ed817fd8n, 0x6d5ed1a533f34dddn,
    ],
    [
      0x28686aa3e36b7cb9n, 0x591abd3476689f36n, 0x047d766678f13875n, 0xa2a11112625f5b49n,
      0x21fd10a3f8304958n, 0xf9b40711443b0280n, 0xd2697eb8b2bde88en, 0x3493790b51731b3fn,
      0x11caf9dd73764023n, 0x7acfb8f72878164en, 0x744ec4db23cefc26n, 0x1e00e58f422c6340n,
    ],
    [
      0x21dd28d906a62ddan, 0xf32a46ab5f465b5fn, 0xbfce13201f3f7e6bn, 0xf30d2e7adb5304e2n,
      0xecdf4ee4abad48e9n, 0xf94e82182d395019n, 0x4ee52e3744d887c5n, 0xa1341c7cac0083b2n,
      0x2302fb26c30c834an, 0xaea3c587273bf7d3n, 0xf798e24961823ec7n, 0x962deba3e9a2cd94n,
    ],
  ],
  internalDiag: [
    0xc3b6c08e23ba9300n, 0xd84b5de94a324fb6n, 0x0d0c371c5b35b84fn, 0x7964f570e7188037n,
    0x5daf18bbd996604bn, 0x6743bc47b9595257n, 0x5528b9362c59bb70n, 0xac45e25b7127b68bn,
    0xa2077d7dfbb606b5n, 0xf3faac6faee378aen, 0x0c6388b51545e883n, 0xd27dbb6944917b60n,
  ],
};
