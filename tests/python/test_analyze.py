"""sova.analyze, sova.detect_language, sova.find_entities: the analyser as the indexer uses it."""

import unittest

import sova


class AnalyzeTest(unittest.TestCase):
    def test_tokens_of_a_ukrainian_sentence(self):
        text = "Олена Марчук прибула до Києва."
        analysis = sova.analyze(text)
        self.assertEqual((analysis.lang, analysis.lang_detected), ("uk", True))
        self.assertEqual([t.surface for t in analysis.tokens], ["Олена", "Марчук", "прибула", "до", "Києва"])
        self.assertEqual([t.position for t in analysis.tokens], [1, 2, 3, 4, 5])
        for token in analysis.tokens:
            self.assertEqual(text[token.begin:token.end], token.surface)  # indices into the str
            self.assertEqual(token.script, "Cyrl")
        kyiv = analysis.tokens[4]
        self.assertEqual((kyiv.term, kyiv.stem), ("києва", "київ"))
        self.assertIn("київ", kyiv.stems)
        self.assertTrue(kyiv.key)
        self.assertTrue(kyiv.capitalised and kyiv.entity_candidate)
        self.assertTrue(analysis.tokens[0].capitalised)
        self.assertFalse(analysis.tokens[0].entity_candidate)  # opens the sentence
        self.assertEqual(analysis.tokens[2].key, "")

    def test_one_name_shares_its_key_across_scripts(self):
        keys = {lang: sova.analyze(word, lang).tokens[0].key
                for lang, word in (("en", "Kharkiv"), ("uk", "Харків"), ("ru", "Харьков"))}
        self.assertEqual(len(set(keys.values())), 1, keys)
        self.assertTrue(keys["en"])

    def test_given_language_and_folding(self):
        analysis = sova.analyze("Всё ещё ЗИМА", lang="ru")
        self.assertEqual((analysis.lang, analysis.lang_detected), ("ru", False))
        self.assertEqual([t.term for t in analysis.tokens], ["все", "еще", "зима"])
        self.assertEqual(sova.analyze("", lang=None).tokens, [])

    def test_reprs(self):
        analysis = sova.analyze("Kyiv", "en")
        self.assertEqual(repr(analysis), "Analysis(lang='en', lang_detected=False, tokens=1)")
        self.assertTrue(repr(analysis.tokens[0]).startswith("Token(position=1, surface='Kyiv', term='kyiv'"))

    def test_detect_language_and_find_entities(self):
        self.assertEqual(sova.detect_language("Енергетики Києва ремонтують підстанції до морозів."), "uk")
        self.assertEqual(sova.detect_language("Энергетики Киева ремонтируют подстанции до морозов."), "ru")
        entities = sova.find_entities("Київ готується до зими", "Енергетики Києва ремонтують підстанції.")
        self.assertEqual(entities[0].key, "place:kyiv.ua")
        self.assertEqual(entities[0].mentions, 2)


if __name__ == "__main__":
    unittest.main()
