package search

// stopWords are left out of the text index: they are in nearly every story and
// would only make shards bigger. The manifest lists them so search.js can
// ignore them in queries too. Entity names are matched in full regardless.
var stopWords = []string{
	"about", "after", "all", "also", "an", "and", "any", "are", "as", "at",
	"be", "been", "before", "but", "by", "can", "could", "did", "do", "does",
	"for", "from", "had", "has", "have", "he", "her", "hers", "him", "his",
	"how", "if", "in", "into", "is", "it", "its", "may", "me", "more", "most",
	"my", "no", "not", "of", "on", "one", "or", "our", "out", "over", "said",
	"says", "she", "should", "so", "some", "such", "than", "that", "the",
	"their", "them", "then", "there", "these", "they", "this", "those", "to",
	"up", "us", "was", "we", "were", "what", "when", "where", "which", "while",
	"who", "whom", "why", "will", "with", "would", "you", "your",
}
